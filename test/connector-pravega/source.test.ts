import { JsonSerializer } from '@dhara/pravega';
import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, withEnv } from '../support/index.ts';
import type { InRow } from './jobs/source-count.ts';
import { createStream, readStream, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'source-count');
const KEYS = 10;
const PER_KEY = 1500;
const setup = useStoreAndCluster();

let runs = 0;
/** Writes KEYS * PER_KEY events, then runs the job bounded by the tail cut taken after them. */
async function run(parallelism: number, faults: FaultSpec[]) {
  const { store, cluster } = setup;
  const stream = `in${runs}`;
  const out = `counts${runs++}`;
  await createStream(store.client, stream, 4);
  await createStream(store.client, out, 2);
  const writer = store.client.createEventWriter('t', stream, new JsonSerializer<InRow>());
  await Promise.all(
    Array.from({ length: KEYS * PER_KEY }, (_, i) => writer.writeEvent(`k${i % KEYS}`, { i, key: `k${i % KEYS}` })),
  );
  await writer.close();
  const info = await store.client.streamManager().getStreamInfo('t', stream);
  const env = {
    PRAVEGA_PORT: String(store.port),
    PRAVEGA_SCOPE: 't',
    PRAVEGA_IN: stream,
    PRAVEGA_OUT: out,
    PRAVEGA_END_CUT: info.tailStreamCut.toText(),
    PRAVEGA_PER_KEY: String(PER_KEY),
  };
  return withEnv(env, async () => {
    const client = await cluster.submit(JOB, { parallelism, faults });
    const result = await client.result();
    return { result, counts: await readStream<{ key: string; count: number }>(store.client, out) };
  });
}

describe('PravegaSource, externally induced, bounded by an end cut', () => {
  test.each<[string, FaultSpec[]]>([
    ['no failure', []],
    ['an operator throw', [{ operatorUid: 'count', subtaskIndex: 0, at: { records: 2500 }, action: 'throw' }]],
    ['a killed worker', [{ operatorUid: 'count', subtaskIndex: 1, at: { records: 4000 }, action: 'exit-worker' }]],
  ])('with %s: exact per-key counts, written exactly once', { timeout: 30_000 }, async (name, faults) => {
    const { result, counts } = await run(2, faults);
    expect(result.restarts).toHaveLength(faults.length);
    const expected = Array.from({ length: KEYS }, (_, k) => ({ key: `k${k}`, count: PER_KEY }));
    expect(
      [...counts].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })),
      name,
    ).toEqual(expected);
  });
});
