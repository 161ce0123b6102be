import { describe, expect, test } from 'vitest';
import { jobPath, withEnv } from '../support/index.ts';
import type { ExpRow } from './jobs/exp-sink.ts';
import { createStream, readStream, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'exp-sink');
const RECORDS = 3000;
// A short lease (renewed every lease/3) and an allowance that lets a 100 ms interval + 1 s checkpoint timeout pass.
const LEASE = '1500ms';
const ALLOWANCE = '300ms';
const setup = useStoreAndCluster();

let runs = 0;
async function run(hold: 'block' | 'wait', holdMs: number) {
  const { store, cluster } = setup;
  const stream = `exp${runs++}`;
  await createStream(store.client, stream, 2);
  const env = {
    PRAVEGA_PORT: String(store.port),
    PRAVEGA_OUT: stream,
    PRAVEGA_LEASE: LEASE,
    PRAVEGA_ALLOWANCE: ALLOWANCE,
    PRAVEGA_HOLD: hold,
    PRAVEGA_HOLD_MS: String(holdMs),
  };
  return withEnv(env, async () => {
    const client = await cluster.submit(JOB, { parallelism: 2 });
    const outcome = await client.result().then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
    return { ...outcome, rows: await readStream<ExpRow>(store.client, stream) };
  });
}

/** Every code and message down an error's cause chain. */
function chain(error: unknown): { codes: string[]; messages: string } {
  const codes: string[] = [];
  const messages: string[] = [];
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code !== undefined) codes.push(e.code);
    messages.push(String(e.message));
  }
  return { codes, messages: messages.join('\n') };
}

describe('PravegaSink exactly-once: transaction leases', () => {
  test('a commit held 3 leases long while the thread lives: the lease is renewed, every record exactly once', {
    timeout: 30_000,
  }, async () => {
    const { error, rows } = await run('wait', 4_500);
    expect(error).toBeUndefined();
    const seen = new Set(rows.map((r) => r.i));
    expect({ rows: rows.length, distinct: seen.size }).toEqual({ rows: RECORDS, distinct: RECORDS });
  });

  test('a pre-committed transaction whose lease lapses before its commit fails the job, naming the transaction', {
    timeout: 30_000,
  }, async () => {
    // The worker thread is blocked for 3 leases: nothing renews the handed-over transaction, the store aborts it.
    const { error } = await run('block', 4_500);
    expect(error).toBeDefined();
    const { codes, messages } = chain(error);
    expect(codes).toContain('PRAVEGA_TXN_LOST');
    expect(messages).toMatch(/Pravega transaction \S+ of checkpoint \d+ cannot be committed: it is ABORT(ING|ED)/);
  });
});
