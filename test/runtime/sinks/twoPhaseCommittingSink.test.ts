// The runtime's side of two-phase-committing sinks (Flink's TwoPhaseCommittingSink and TwoPhaseCommitSink): flush
// before commit, the committer's order and retries, and the submit-time transaction-timeout guard.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../../support/index.ts';

const mini = useMiniCluster({ name: 'committing-sink', workers: 2, slotsPerWorker: 4 });

function runAsyncFlush(name: string, failFlushAt: number) {
  const dir = path.join(mini.dir, name);
  mkdirSync(dir);
  return withEnv({ FLUSH_DIR: dir, FAIL_FLUSH_AT: String(failFlushAt) }, async () => {
    const client = await mini.cluster.submit(jobPath('runtime', 'async-flush'), { parallelism: 2 });
    const outcome = await client.result().then(
      (result) => ({ ok: true as const, result }),
      (error: Error) => ({ ok: false as const, error }),
    );
    const committed = readdirSync(dir)
      .filter((f) => f.endsWith('.committed'))
      .reduce((n, f) => n + Number(readFileSync(path.join(dir, f), 'utf8')), 0);
    return { outcome, committed };
  });
}

test('a committing writer whose flush returns a promise: every checkpoint is committed only after its flush', async () => {
  const { outcome, committed } = await runAsyncFlush('ok', 0);
  expect(outcome.ok ? undefined : outcome.error.message).toBeUndefined();
  expect(outcome.ok && outcome.result.checkpoints.completed).toBeGreaterThan(2);
  // Every record, each batch committed once (the final checkpoint commits the tail after flush(true)).
  expect(committed).toBe(10_000);
});

test('a flush that rejects fails the job, naming the sink and the cause', async () => {
  const { outcome } = await runAsyncFlush('failing', 3);
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) {
    expect(outcome.error.message).toContain("'flushing'");
    expect(outcome.error.message).toContain('flush 3 of subtask 0 failed');
  }
});

describe('the committer', () => {
  interface Logged {
    subtask: number;
    checkpointId: number;
    retry: number;
    seq: number;
    count: number;
  }
  let runs = 0;
  function run(retryForever: boolean) {
    const logFile = path.join(mini.dir, `commits-${runs++}.jsonl`);
    return withEnv({ LOG_FILE: logFile, RETRY_FOREVER: retryForever ? '1' : '0' }, async () => {
      const client = await mini.cluster.submit(jobPath('runtime', 'logging-committer'), { parallelism: 2 });
      const outcome = await client.result().then(
        (r) => ({ ok: true as const, r }),
        (error: Error) => ({ ok: false as const, error }),
      );
      const log = existsSync(logFile)
        ? readFileSync(logFile, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Logged)
        : [];
      return { outcome, log };
    });
  }

  test('sees the commits of each subtask in checkpoint order, each once, and every record', async () => {
    const { outcome, log } = await run(false);
    expect(outcome.ok).toBe(true);
    for (const subtask of [0, 1]) {
      const mine = log.filter((l) => l.subtask === subtask);
      expect(mine.length).toBeGreaterThan(3);
      const ids = mine.map((l) => l.checkpointId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      expect(mine.map((l) => l.seq)).toEqual(mine.map((_, i) => i));
    }
    expect(log.reduce((n, l) => n + l.count, 0)).toBe(20_000);
  });

  test('retryLater is retried, then fails the job after 10 retries', async () => {
    const { outcome, log } = await run(true);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/still asked to be retried after 10 retries/);
    // Retries per committable (subtask and checkpoint). The subtask that ran out of retries failed the job; the
    // other was cancelled at whatever round it had reached, so only "some committable saw all 11" is certain.
    const retries = new Map<string, number[]>();
    for (const l of log) {
      const key = `${l.subtask}/${l.checkpointId}`;
      retries.set(key, [...(retries.get(key) ?? []), l.retry]);
    }
    const all = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([...retries.values()].some((r) => r.length === all.length && r.every((n, i) => n === i))).toBe(true);
    for (const r of retries.values()) expect(r).toEqual(all.slice(0, r.length));
  });
});

describe('the transaction-timeout guard', () => {
  function submit(interval: number, checkpointTimeout: number, transactionTimeout: number) {
    const env = {
      TX_INTERVAL_MS: String(interval),
      TX_CHECKPOINT_TIMEOUT_MS: String(checkpointTimeout),
      TX_TIMEOUT_MS: String(transactionTimeout),
    };
    return withEnv(env, () => mini.cluster.submit(jobPath('runtime', 'tx-timeout')));
  }

  test('refuses interval + checkpoint timeout above the sink transaction timeout, naming the numbers', async () => {
    const refused = submit(200, 1_000, 1_100);
    await expect(refused).rejects.toMatchObject({ code: 'SINK_TRANSACTION_TIMEOUT_TOO_SHORT' });
    await expect(refused).rejects.toThrow(
      /'expiring'.*transactionTimeoutMs 1100.*interval 200 ms.*timeout 1000 ms = 1200 ms/,
    );
  });

  test('accepts a safe configuration', async () => {
    const client = await submit(200, 1_000, 5_000);
    await client.result();
  });
});
