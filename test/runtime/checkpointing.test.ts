import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CheckpointStorage } from '@dhara/runtime';
import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../support/index.ts';
import { type Count, KEYS } from './jobs/keyed-count.ts';

const mini = useMiniCluster({ name: 'checkpointing', workers: 2, slotsPerWorker: 4, metricsIntervalMs: 100 });

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

async function runKeyedCount(
  parallelism: number,
  mode: string,
  faults: FaultSpec[],
  records = 1_000_000,
  extraEnv: Record<string, string> = {},
) {
  // Checkpoints every 50 ms: several complete before the failure at 40% or later.
  const env = { CHECKPOINT_MODE: mode, COUNT_RECORDS: String(records), CHECKPOINT_INTERVAL_MS: '50', ...extraEnv };
  return withEnv(env, async () => {
    const client = await mini.cluster.submit(jobPath('runtime', 'keyed-count'), { parallelism, faults });
    const statuses: string[] = [];
    client.status$.subscribe((s) => statuses.push(s));
    const result = await client.result();
    const counts = new Map<number, { count: number; sum: number }>();
    for (const c of result.collected.counts as Count[]) {
      expect(counts.has(c.key), `key ${c.key} emitted twice`).toBe(false);
      counts.set(c.key, { count: c.count, sum: c.sum });
    }
    return { result, counts, statuses, jobId: client.jobId };
  });
}

/** A fixed point past half of what one count subtask sees (after several checkpoints; the same in every run). */
const failurePoint = (parallelism: number) => Math.floor((0.55 * 1_000_000) / parallelism);

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

describe('recovery scenarios (parallelism 2, exactly-once)', () => {
  test('a worker thread terminated mid-stream: exact results', async () => {
    const { result, counts } = await runKeyedCount(2, 'exactly-once', [
      { operatorUid: 'count', subtaskIndex: 0, at: { records: failurePoint(2) }, action: 'exit-worker' },
    ]);
    expect(result.restarts).toHaveLength(1);
    expect(result.restarts[0]!.checkpointId).toBeGreaterThan(0);
    expect(counts).toEqual(expected(1_000_000));
  });

  test("a failure during a checkpoint's async phase: exact results", async () => {
    const { result, counts } = await runKeyedCount(2, 'exactly-once', [
      { operatorUid: 'count', subtaskIndex: 1, at: { checkpoint: 3, phase: 'async' }, action: 'throw' },
    ]);
    expect(result.restarts).toHaveLength(1);
    // Checkpoint 3 never completed: the restart used an earlier one.
    expect(result.restarts[0]!.checkpointId).toBeLessThan(3);
    expect(result.restarts[0]!.checkpointId).toBeGreaterThan(0);
    expect(counts).toEqual(expected(1_000_000));
  });

  test('two failures in one run (the second in the restarted attempt): exact results', async () => {
    const { result, counts } = await runKeyedCount(2, 'exactly-once', [
      { operatorUid: 'count', subtaskIndex: 0, at: { records: 200_000 }, action: 'throw' },
      { operatorUid: 'map', subtaskIndex: 1, attempt: 1, at: { records: 150_000 }, action: 'throw' },
    ]);
    expect(result.restarts.map((r) => r.attempt)).toEqual([1, 2]);
    expect(counts).toEqual(expected(1_000_000));
  });
});

describe('window and timer state survive recovery', () => {
  async function run(faults: FaultSpec[]) {
    const client = await mini.cluster.submit(jobPath('runtime', 'windows-recovery'), { parallelism: 2, faults });
    const result = await client.result();
    // The collect sink is at-least-once: results fired after the restored checkpoint may come again. Each must be
    // identical when it does.
    const dedupe = <T>(values: readonly T[], id: (v: T) => string): Map<string, T> => {
      const byId = new Map<string, T>();
      for (const v of values) {
        const key = id(v);
        if (byId.has(key)) expect(byId.get(key)).toEqual(v);
        byId.set(key, v);
      }
      return byId;
    };
    type W = { key: string; start: number; count: number; sum: number };
    type S = { key: string; second: number; count: number };
    return {
      result,
      jobId: client.jobId,
      windows: dedupe(result.collected.windows as W[], (w) => `${w.key}@${w.start}`),
      seconds: dedupe(result.collected.seconds as S[], (s) => `${s.key}@${s.second}`),
    };
  }

  test('a job with event-time windows and timers, failing once, gives the failure-free output; its checkpoints are deleted at the end', async () => {
    const clean = await run([]);
    expect(clean.result.restarts).toHaveLength(0);
    const failed = await run([
      { operatorUid: 'windows', subtaskIndex: 1, at: { checkpoint: 2, phase: 'notify-complete' }, action: 'throw' },
    ]);
    expect(failed.result.restarts).toHaveLength(1);
    expect(failed.result.restarts[0]!.checkpointId).toBeGreaterThanOrEqual(2);
    expect(failed.windows).toEqual(clean.windows);
    expect(failed.seconds).toEqual(clean.seconds);
    expect(clean.windows.size).toBeGreaterThan(100);
    // Without retainOnTermination, a finished job's checkpoints are deleted.
    await expect.poll(() => existsSync(path.join(mini.checkpointDir, clean.jobId)), { timeout: 2_000 }).toBe(false);
  });
});

test('after a long run with many checkpoints, no more than the retained number are left on disk, all complete', async () => {
  const { result, jobId } = await runKeyedCount(2, 'exactly-once', [], 2_000_000, {
    CHECKPOINT_INTERVAL_MS: '10',
    CHECKPOINT_RETAINED: '2',
  });
  expect(result.checkpoints.completed).toBeGreaterThan(5);
  const jobDir = path.join(mini.checkpointDir, jobId);
  const left = readdirSync(jobDir);
  expect(left.length).toBeLessThanOrEqual(2);
  expect(left.every((name) => /^chk-\d+$/.test(name))).toBe(true);
  for (const name of left) {
    const dir = path.join(jobDir, name);
    const metadata = await CheckpointStorage.readMetadata(dir);
    // Only _metadata and the state files it names: nothing half-written.
    const files = metadata.tasks.filter((t) => t.handle.inline === undefined).map((t) => t.handle.file);
    expect(readdirSync(dir).sort()).toEqual(['_metadata', ...files].sort());
  }
});
