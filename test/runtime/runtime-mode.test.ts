import { MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { RECORDS } from './jobs/runtime-mode.ts';

const JOB = new URL('./jobs/runtime-mode.ts', import.meta.url).pathname;

let cluster: MiniCluster;
beforeAll(async () => {
  cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 2 });
});
afterAll(async () => {
  await cluster.close();
});

async function run(mode: string, source: string) {
  Object.assign(process.env, { RUNTIME_MODE: mode, RUNTIME_SOURCE: source });
  try {
    return await (await cluster.submit(JOB, { parallelism: 2 })).result();
  } finally {
    delete process.env.RUNTIME_MODE;
    delete process.env.RUNTIME_SOURCE;
  }
}

test.each(['batch', 'streaming'])('a bounded source ends the job in %s mode, with the same results', async (mode) => {
  const result = await run(mode, 'bounded');
  const sums = result.collected.sums as number[];
  expect(sums).toHaveLength(RECORDS);
  // The last running sum of digit d is d times how often it occurs.
  expect(Math.max(...sums)).toBe(9 * (RECORDS / 10));
  if (mode === 'batch') expect(result.checkpoints.completed).toBe(0);
});

test('batch mode refuses an unbounded source, naming it', async () => {
  Object.assign(process.env, { RUNTIME_MODE: 'batch', RUNTIME_SOURCE: 'endless' });
  try {
    await expect(cluster.submit(JOB, { parallelism: 2 })).rejects.toThrow(
      "job 'test-runtime-mode' runs in batch mode, but source 'Source: digits' is unbounded",
    );
  } finally {
    delete process.env.RUNTIME_MODE;
    delete process.env.RUNTIME_SOURCE;
  }
});
