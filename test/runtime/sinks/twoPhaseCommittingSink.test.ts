import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll, expect, test } from 'vitest';

const base = mkdtempSync(path.join(tmpdir(), 'dhara-async-flush-'));
let cluster: MiniCluster;
beforeAll(async () => {
  cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 4, checkpointDir: path.join(base, 'checkpoints') });
});
afterAll(async () => {
  await cluster.close();
  rmSync(base, { recursive: true, force: true });
});

async function run(name: string, failFlushAt: number) {
  const dir = path.join(base, name);
  mkdirSync(dir);
  Object.assign(process.env, { FLUSH_DIR: dir, FAIL_FLUSH_AT: String(failFlushAt) });
  try {
    const client = await cluster.submit(new URL('../jobs/async-flush.ts', import.meta.url).pathname, {
      parallelism: 2,
    });
    const outcome = await client.result().then(
      (result) => ({ ok: true as const, result }),
      (error: Error) => ({ ok: false as const, error }),
    );
    const committed = readdirSync(dir)
      .filter((f) => f.endsWith('.committed'))
      .reduce((n, f) => n + Number(readFileSync(path.join(dir, f), 'utf8')), 0);
    return { outcome, committed };
  } finally {
    delete process.env.FLUSH_DIR;
    delete process.env.FAIL_FLUSH_AT;
  }
}

test('a committing writer whose flush returns a promise: every checkpoint is committed only after its flush', async () => {
  const { outcome, committed } = await run('ok', 0);
  expect(outcome.ok ? undefined : outcome.error.message).toBeUndefined();
  expect(outcome.ok && outcome.result.checkpoints.completed).toBeGreaterThan(2);
  // Every record, each batch committed once (the final checkpoint commits the tail after flush(true)).
  expect(committed).toBe(10_000);
});

test('a flush that rejects fails the job, naming the sink and the cause', async () => {
  const { outcome } = await run('failing', 3);
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) {
    expect(outcome.error.message).toContain("'flushing'");
    expect(outcome.error.message).toContain('flush 3 of subtask 0 failed');
  }
});
