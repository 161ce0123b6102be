import { expect, test } from 'vitest';
import { jobPath, useMiniCluster } from '../support/index.ts';

const JOB = jobPath('runtime', 'union-connect');
const sorted = <T>(values: readonly T[]): T[] => [...values].sort((a, b) => (String(a) < String(b) ? -1 : 1));
const mini = useMiniCluster({ name: 'union-connect', workers: 2, slotsPerWorker: 2 });

test('union, connect and side outputs give the right results', async () => {
  const result = await (await mini.cluster.submit(JOB, { parallelism: 2 })).result();

  expect(sorted(result.collected.union as number[])).toEqual(sorted([10, 20, 30, 40, 50, 1000, 2000, 3000]));
  expect(sorted(result.collected.connected as string[])).toEqual(
    sorted(['number:1', 'number:2', 'number:3', 'number:4', 'number:5', 'word:a:1', 'word:bb:2', 'word:ccc:3']),
  );
  expect(sorted(result.collected.even as number[])).toEqual(sorted([2, 4, 100, 200, 300]));
  expect(sorted(result.collected.odd as number[])).toEqual(sorted([-1, -3, -5]));
});
