import type { JobMetrics } from '@dhara/runtime';
import { expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../support/index.ts';
import { PER_SPLIT } from './jobs/aligned-readers.ts';

const JOB = jobPath('runtime', 'aligned-readers');
const mini = useMiniCluster({ name: 'watermark-alignment', workers: 2, slotsPerWorker: 2, metricsIntervalMs: 10 });

/** Runs the job and returns the source subtasks' watermarks, sampled together, and every reading. */
function run(env: Record<string, string>) {
  return withEnv(env, async () => {
    const client = await mini.cluster.submit(JOB, { parallelism: 2 });
    const samples: [number, number][] = [];
    const arrivals: number[] = [];
    client.metrics$.subscribe((m: JobMetrics) => {
      const sources = m.tasks.filter((t) => t.vertexId === 0).sort((a, b) => a.subtaskIndex - b.subtaskIndex);
      if (sources.length === 2) {
        samples.push([sources[0]!.watermark, sources[1]!.watermark]);
        arrivals.push(performance.now());
      }
    });
    const result = await client.result();
    return { samples, arrivals, readings: result.collected.readings as { split: string; ts: number }[] };
  });
}

const finite = (w: number) => Number.isFinite(w);

test('watermark alignment keeps a fast reader near a slow one (drift plus reporting slack), without it the reader runs ahead; every record arrives', async () => {
  const aligned = await run({ ALIGN_DRIFT_MS: '100' });
  expect(aligned.readings).toHaveLength(2 * PER_SPLIT);
  // Each task samples its metrics on its own timer, apart from the watermark reports alignment acts on, so the slow
  // reader's sample can be older than the report that let the fast one move (more so on a loaded machine). Its
  // watermark only grows: compare the fast reader with the slow one's newest sample within the next 100 ms.
  const gaps = aligned.samples.flatMap(([fast], i) => {
    let slow = aligned.samples[i]![1];
    for (let j = i; j < aligned.samples.length && aligned.arrivals[j]! <= aligned.arrivals[i]! + 100; j++) {
      slow = Math.max(slow, aligned.samples[j]![1]);
    }
    return finite(fast) && finite(slow) ? [fast - slow] : [];
  });
  expect(gaps.length).toBeGreaterThan(5);
  // The drift, plus what slips past in the reports' and watermarks' 5 ms intervals (the fast reader moves 2 ms of
  // event time per ms).
  expect(Math.max(...gaps)).toBeLessThanOrEqual(250);

  const free = await run({});
  expect(free.readings).toHaveLength(2 * PER_SPLIT);
  const freeGaps = free.samples.filter(([a, b]) => finite(a) && finite(b)).map(([a, b]) => a - b);
  // Without alignment the fast reader runs ahead: at its end it is about half the input (750 ms) ahead.
  expect(Math.max(...freeGaps)).toBeGreaterThan(400);
});

test("a reader's watermark is the minimum over its splits: one slow split holds it back", async () => {
  const { samples, readings } = await run({ SLOW_SPLIT: '1' });
  expect(readings).toHaveLength(2 * PER_SPLIT);
  const reader0 = samples.map(([a]) => a).filter(finite);
  expect(reader0.length).toBeGreaterThan(5);
  // The fast split is done almost at once (its watermark would be PER_SPLIT - 1), yet the reader's watermark only
  // climbs with the slow split: it stays well below until the end.
  const early = reader0.slice(0, Math.floor(reader0.length / 2));
  expect(Math.max(...early)).toBeLessThan(PER_SPLIT - 100);
});
