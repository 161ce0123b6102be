import { expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../support/index.ts';
import { RECORDS } from './jobs/runtime-mode.ts';

const JOB = jobPath('runtime', 'runtime-mode');
const mini = useMiniCluster({ name: 'runtime-mode', workers: 2, slotsPerWorker: 2 });

function run(mode: string, source: string) {
  return withEnv({ RUNTIME_MODE: mode, RUNTIME_SOURCE: source }, async () =>
    (await mini.cluster.submit(JOB, { parallelism: 2 })).result(),
  );
}

test.each(['batch', 'streaming'])('a bounded source ends the job in %s mode, with the same results', async (mode) => {
  const result = await run(mode, 'bounded');
  const sums = result.collected.sums as number[];
  expect(sums).toHaveLength(RECORDS);
  // The last running sum of digit d is d times how often it occurs.
  expect(Math.max(...sums)).toBe(9 * (RECORDS / 10));
  if (mode === 'batch') expect(result.checkpoints.completed).toBe(0);
});

test('batch mode refuses an unbounded source, naming it', () =>
  withEnv({ RUNTIME_MODE: 'batch', RUNTIME_SOURCE: 'endless' }, async () => {
    await expect(mini.cluster.submit(JOB, { parallelism: 2 })).rejects.toThrow(
      "job 'test-runtime-mode' runs in batch mode, but source 'Source: digits' is unbounded",
    );
  }));
