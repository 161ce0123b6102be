// A plain sink with asynchronous writes under unaligned checkpoints: the barrier overtakes the writes the sink has
// queued (they go into the checkpoint and are written again after a restore), so after a killed worker every record
// is still written at least once.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll, expect, test } from 'vitest';

const base = mkdtempSync(path.join(tmpdir(), 'dhara-async-sink-'));
let cluster: MiniCluster;
beforeAll(async () => {
  cluster = await MiniCluster.start({
    workers: 2,
    slotsPerWorker: 4,
    checkpointDir: path.join(base, 'checkpoints'),
    network: { batchSize: 50, creditsPerChannel: 2, maxBacklogPerChannel: 1, flushIntervalMs: 10 },
  });
});
afterAll(async () => {
  await cluster.close();
  rmSync(base, { recursive: true, force: true });
});

test('unaligned checkpoints over a slow async sink, a killed worker: every record written at least once', async () => {
  const file = path.join(base, 'out.txt');
  process.env.OUT_FILE = file;
  try {
    const job = await cluster.submit(new URL('../jobs/slow-async-sink.ts', import.meta.url).pathname, {
      parallelism: 2,
      faults: [
        {
          operatorUid: 'slow-sink',
          subtaskIndex: 0,
          at: { checkpoint: 6, phase: 'notify-complete' },
          action: 'exit-worker',
        },
      ],
    });
    const result = await job.result();
    expect(result.restarts).toHaveLength(1);
    expect(result.checkpoints.completed).toBeGreaterThan(2);
    const written = new Set(
      (existsSync(file) ? readFileSync(file, 'utf8') : '')
        .split('\n')
        .filter((l) => l !== '')
        .map(Number),
    );
    const missing = Array.from({ length: 600 }, (_, i) => i).filter((i) => !written.has(i));
    expect(missing).toEqual([]);
  } finally {
    delete process.env.OUT_FILE;
  }
});
