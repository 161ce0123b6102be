import { expect, test } from 'vitest';
import { jobPath, useMiniCluster } from '../../support/index.ts';

const mini = useMiniCluster({ name: 'generator', workers: 2, slotsPerWorker: 1 });

test('a generator limited to 1,000 records/s over two readers takes 0.7 to 5 s for 800 records and delivers each once', async () => {
  const job = await mini.cluster.submit(jobPath('runtime', 'rated-generator'), { parallelism: 2 });
  const startedAt = performance.now();
  const { collected } = await job.result();
  const seconds = (performance.now() - startedAt) / 1000;
  const numbers = [...(collected.numbers as number[])].sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 800 }, (_, i) => i));
  // 800 records at 1,000/s (500/s per reader): at least about 0.8 s, whatever the deployment time adds.
  expect(seconds).toBeGreaterThan(0.7);
  expect(seconds).toBeLessThan(5);
});
