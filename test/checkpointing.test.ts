import { type FaultSpec, MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Count, KEYS } from './jobs/keyed-count.ts';

const job = (name: string) => new URL(`./jobs/${name}.ts`, import.meta.url).pathname;

let cluster: MiniCluster;
beforeAll(async () => {
  cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 4, metricsIntervalMs: 100 });
});
afterAll(async () => {
  await cluster.close();
});

/** The exact per-key count and sum of records [0, n). */
function expected(n: number): Map<number, { count: number; sum: number }> {
  const result = new Map<number, { count: number; sum: number }>();
  for (let i = 0; i < n; i++) {
    const e = result.get(i % KEYS) ?? { count: 0, sum: 0 };
    e.count++;
    e.sum += i;
    result.set(i % KEYS, e);
  }
  return result;
}

async function runKeyedCount(parallelism: number, mode: string, faults: FaultSpec[], records = 1_000_000) {
  // Checkpoints every 50 ms: several complete before the failure at 40% or later.
  Object.assign(process.env, { CHECKPOINT_MODE: mode, COUNT_RECORDS: String(records), CHECKPOINT_INTERVAL_MS: '50' });
  try {
    const client = await cluster.submit(job('keyed-count'), { parallelism, faults });
    const statuses: string[] = [];
    client.status$.subscribe((s) => statuses.push(s));
    const result = await client.result();
    const counts = new Map<number, { count: number; sum: number }>();
    for (const c of result.collected.counts as Count[]) {
      expect(counts.has(c.key), `key ${c.key} emitted twice`).toBe(false);
      counts.set(c.key, { count: c.count, sum: c.sum });
    }
    return { result, counts, statuses };
  } finally {
    delete process.env.CHECKPOINT_MODE;
    delete process.env.COUNT_RECORDS;
    delete process.env.CHECKPOINT_INTERVAL_MS;
  }
}

/** A point between 40% and 70% of what one count subtask sees. */
const failurePoint = (parallelism: number) => Math.floor(((0.4 + Math.random() * 0.3) * 1_000_000) / parallelism);

describe.each([2, 4])('keyed count over 1,000,000 records with a failure, parallelism %i', (parallelism) => {
  test('exactly-once: the final state is exact', async () => {
    const at = failurePoint(parallelism);
    const { result, counts, statuses } = await runKeyedCount(parallelism, 'exactly-once', [
      { operatorUid: 'count', subtaskIndex: 1, at: { records: at }, action: 'throw' },
    ]);
    expect(statuses).toContain('RESTARTING');
    // The one restart resumed from a completed checkpoint, not from the beginning.
    expect(result.restarts).toHaveLength(1);
    expect(result.restarts[0]!.checkpointId).toBeGreaterThan(0);
    expect(counts).toEqual(expected(1_000_000));
  });

  test('at-least-once: nothing is lost (counts may be higher)', async () => {
    const at = failurePoint(parallelism);
    const { result, counts, statuses } = await runKeyedCount(parallelism, 'at-least-once', [
      { operatorUid: 'count', subtaskIndex: 0, at: { records: at }, action: 'throw' },
    ]);
    expect(statuses).toContain('RESTARTING');
    expect(result.restarts[0]!.checkpointId).toBeGreaterThan(0);
    const exact = expected(1_000_000);
    expect(counts.size).toBe(exact.size);
    for (const [key, e] of exact) expect(counts.get(key)!.count).toBeGreaterThanOrEqual(e.count);
  });
});
