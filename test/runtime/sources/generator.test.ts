import { MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll, expect, test } from 'vitest';

let cluster: MiniCluster;
beforeAll(async () => {
  cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 1 });
});
afterAll(async () => {
  await cluster.close();
});

test('a rate-limited generator keeps its rate across readers and still delivers every record once', async () => {
  const job = await cluster.submit(new URL('../jobs/rated-generator.ts', import.meta.url).pathname, { parallelism: 2 });
  const startedAt = performance.now();
  const { collected } = await job.result();
  const seconds = (performance.now() - startedAt) / 1000;
  const numbers = [...(collected.numbers as number[])].sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 800 }, (_, i) => i));
  // 800 records at 1,000/s (500/s per reader): at least about 0.8 s, whatever the deployment time adds.
  expect(seconds).toBeGreaterThan(0.7);
  expect(seconds).toBeLessThan(5);
});
