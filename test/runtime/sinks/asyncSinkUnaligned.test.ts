// A plain sink with asynchronous writes under unaligned checkpoints: the barrier overtakes the writes the sink has
// queued (they go into the checkpoint and are written again after a restore), so after a killed worker every record
// is still written at least once.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../../support/index.ts';

const mini = useMiniCluster({
  name: 'async-sink',
  workers: 2,
  slotsPerWorker: 4,
  network: { batchSize: 50, creditsPerChannel: 2, maxBacklogPerChannel: 1, flushIntervalMs: 10 },
});

test('unaligned checkpoints over a slow async sink, a killed worker: every record written at least once', () => {
  const file = path.join(mini.dir, 'out.txt');
  return withEnv({ OUT_FILE: file }, async () => {
    const job = await mini.cluster.submit(jobPath('runtime', 'slow-async-sink'), {
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
  });
});
