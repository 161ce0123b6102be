// The connector's exactly-once source and sink tests (source.test.ts, sink.test.ts) at parallelism 4.
import { JsonSerializer } from '@dhara/pravega';
import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, withEnv } from '../support/index.ts';
import type { OutRow } from './jobs/sink-exactly-once.ts';
import type { InRow } from './jobs/source-count.ts';
import { createStream, readStream, useStoreAndCluster } from './store.ts';

const SINK_JOB = jobPath('connector-pravega', 'sink-exactly-once');
const SOURCE_JOB = jobPath('connector-pravega', 'source-count');
const PARALLELISM = 4;
const RECORDS = 6000;
const KEYS = 10;
const PER_KEY = 1500;
const setup = useStoreAndCluster();

let runs = 0;

describe('PravegaSink exactly-once at parallelism 4', () => {
  test.each<[string, FaultSpec[]]>([
    ['a killed worker', [{ operatorUid: 'pravega-out', subtaskIndex: 3, at: { records: 600 }, action: 'exit-worker' }]],
    [
      'a failure between checkpoint completion and commit',
      [
        {
          operatorUid: 'pravega-out',
          subtaskIndex: 2,
          at: { checkpoint: 3, phase: 'notify-complete' },
          action: 'throw',
        },
      ],
    ],
    [
      'a failure right after a commit (re-commit by id)',
      [{ operatorUid: 'pravega-out', subtaskIndex: 1, at: { checkpoint: 3, phase: 'commit' }, action: 'throw' }],
    ],
  ])('with %s: the output stream holds every record exactly once', { timeout: 30_000 }, async (_name, faults) => {
    const { store, cluster } = setup;
    const stream = `p4-out${runs++}`;
    await createStream(store.client, stream, 3);
    const env = {
      PRAVEGA_PORT: String(store.port),
      PRAVEGA_SCOPE: 't',
      PRAVEGA_OUT: stream,
      PRAVEGA_RECORDS: String(RECORDS),
    };
    const result = await withEnv(env, async () =>
      (await cluster.submit(SINK_JOB, { parallelism: PARALLELISM, faults })).result(),
    );
    expect(result.restarts).toHaveLength(1);
    const counts = new Uint8Array(RECORDS);
    for (const row of await readStream<OutRow>(store.client, stream)) counts[row.i]!++;
    expect({
      missing: counts.filter((c) => c === 0).length,
      duplicated: counts.filter((c) => c > 1).length,
    }).toEqual({ missing: 0, duplicated: 0 });
  });
});

describe('PravegaSource (externally induced, bounded) at parallelism 4', () => {
  test.each<[string, FaultSpec[]]>([
    ['no failure', []],
    ['an operator throw', [{ operatorUid: 'count', subtaskIndex: 2, at: { records: 1200 }, action: 'throw' }]],
    ['a killed worker', [{ operatorUid: 'count', subtaskIndex: 3, at: { records: 2000 }, action: 'exit-worker' }]],
  ])('with %s: exact per-key counts, written exactly once', { timeout: 30_000 }, async (_name, faults) => {
    const { store, cluster } = setup;
    const input = `p4-in${runs}`;
    const out = `p4-counts${runs++}`;
    await createStream(store.client, input, 4);
    await createStream(store.client, out, 2);
    const writer = store.client.createEventWriter('t', input, new JsonSerializer<InRow>());
    await Promise.all(
      Array.from({ length: KEYS * PER_KEY }, (_, i) => writer.writeEvent(`k${i % KEYS}`, { i, key: `k${i % KEYS}` })),
    );
    await writer.close();
    const info = await store.client.streamManager().getStreamInfo('t', input);
    const env = {
      PRAVEGA_PORT: String(store.port),
      PRAVEGA_SCOPE: 't',
      PRAVEGA_IN: input,
      PRAVEGA_OUT: out,
      PRAVEGA_END_CUT: info.tailStreamCut.toText(),
      PRAVEGA_PER_KEY: String(PER_KEY),
    };
    const result = await withEnv(env, async () =>
      (await cluster.submit(SOURCE_JOB, { parallelism: PARALLELISM, faults })).result(),
    );
    expect(result.restarts).toHaveLength(faults.length);
    const counts = await readStream<{ key: string; count: number }>(store.client, out);
    expect([...counts].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }))).toEqual(
      Array.from({ length: KEYS }, (_, k) => ({ key: `k${k}`, count: PER_KEY })),
    );
  });
});
