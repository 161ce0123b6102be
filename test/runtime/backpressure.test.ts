import type { JobMetrics } from '@dhara/runtime';
import { expect, test } from 'vitest';
import { jobPath, useMiniCluster } from '../support/index.ts';

const JOB = jobPath('runtime', 'slow-sink');
const network = { batchSize: 64, creditsPerChannel: 2, maxBacklogPerChannel: 1, flushIntervalMs: 5 };
const mini = useMiniCluster({ name: 'backpressure', workers: 2, slotsPerWorker: 2, metricsIntervalMs: 100 });

test('a fast source into a slow sink stays within the configured buffer bounds, waits for credit most of the time, and its heap stays bounded', async () => {
  const job = await mini.cluster.submit(JOB, { parallelism: 2, network });
  const samples: JobMetrics[] = [];
  job.metrics$.subscribe((m) => samples.push(m));
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await job.cancel();
  expect(job.status).toBe('CANCELED');

  const final = samples.at(-1)!;
  const [source, sink] = final.vertices;
  expect(sink!.recordsIn).toBeGreaterThan(10_000);

  // The runtime's own counters: no input channel ever held more frames than it granted credit for, and no output
  // channel ever held more than its backlog bound plus what one source step (256 records) can overdraw.
  const channels = 2 * 2;
  const overdraft = Math.ceil(256 / 2 / network.batchSize) + 1;
  for (const sample of samples) {
    for (const vertex of sample.vertices) {
      expect(vertex.maxInputQueue).toBeLessThanOrEqual(network.creditsPerChannel);
      expect(vertex.maxOutputBacklog).toBeLessThanOrEqual(network.maxBacklogPerChannel + overdraft);
    }
  }
  // What the source wrote and the sink did not read is what the channels can hold, and no more.
  const perChannel = (network.creditsPerChannel + network.maxBacklogPerChannel + overdraft + 1) * network.batchSize;
  expect(source!.recordsOut - sink!.recordsIn).toBeLessThanOrEqual(channels * perChannel);
  // The source spent most of its time waiting for credit: that is the backpressure.
  expect(source!.backpressuredShare).toBeGreaterThan(0.5);

  // Memory: unbounded buffering would hold millions of records after 3 s at the source's speed.
  const heaps = samples.flatMap((s) => s.tasks.map((t) => t.heapUsedBytes));
  expect(Math.max(...heaps)).toBeLessThan(160 * 1024 * 1024);
  const half = Math.floor(samples.length / 2);
  const peak = (from: JobMetrics[]) => Math.max(...from.flatMap((s) => s.tasks.map((t) => t.heapUsedBytes)));
  expect(peak(samples.slice(half))).toBeLessThan(peak(samples.slice(0, half)) * 1.5 + 16 * 1024 * 1024);
});
