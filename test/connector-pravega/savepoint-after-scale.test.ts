import path from 'node:path';
import type { MiniCluster } from '@dhara/runtime';
import { describe, expect, test } from 'vitest';
import { afterRecords, jobPath, withEnv } from '../support/index.ts';
import type { CheckedEvent } from './jobs/scale-ordered.ts';
import { activeSegmentCount, expectExactlyOnceInOrder, mergePairs, SequenceWriter, splitAll } from './scaling.ts';
import { createStream, readStream, type TestStore, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'scale-ordered');
const KEYS = 10;
const PER_KEY = 600;
const setup = useStoreAndCluster();

let runs = 0;

/**
 * Runs the order-checking job at parallelism `from` while events arrive, stops it with a savepoint (the readers have
 * read past the savepoint's position by then), scales the input stream (split; and merge when `merge`) while more
 * events are written, seals it, and resumes from the savepoint at parallelism `to`, with `resumeEnv` set.
 */
async function stopScaleResume(
  store: TestStore,
  cluster: MiniCluster,
  from: number,
  to: number,
  merge: boolean,
  resumeEnv: Record<string, string> = {},
) {
  const input = `sp-in${runs}`;
  const out = `sp-out${runs++}`;
  await createStream(store.client, input, 2);
  await createStream(store.client, out, 2);
  const env = {
    PRAVEGA_PORT: String(store.port),
    PRAVEGA_SCOPE: 't',
    PRAVEGA_IN: input,
    PRAVEGA_OUT: out,
    PRAVEGA_SLOW: '1',
  };
  return withEnv(env, async () => {
    const writer = new SequenceWriter(store.client, input, KEYS, PER_KEY);
    const first = await cluster.submit(JOB, { parallelism: from });
    // Events keep coming while the savepoint is taken (up to half of them; the rest come after the stop), so the
    // readers have read past its position when they stop.
    let stopping = false;
    const writing = writer.writeWhile(() => !stopping && writer.remaining > writer.total / 2);
    await afterRecords(first, writer.total / 8);
    const savepoint = await first.stopWithSavepoint(path.join(store.dir, 'savepoints'));
    stopping = true;
    const stopped = await first.result();
    await writing;
    expect(stopped.restarts).toEqual([]);
    expect(writer.remaining).toBeGreaterThanOrEqual(writer.total / 2);

    await splitAll(store.client, input);
    await writer.write(writer.remaining / 2);
    if (merge) await mergePairs(store.client, input);
    expect(await activeSegmentCount(store.client, input)).toBe(merge ? 2 : 4);
    await writer.write(writer.remaining);
    await store.client.streamManager().sealStream('t', input);

    const result = await withEnv(resumeEnv, async () =>
      (await cluster.submit(JOB, { parallelism: to, fromSavepoint: savepoint })).result(),
    );
    return { result, rows: await readStream<CheckedEvent>(store.client, out) };
  });
}

describe('PravegaSource: restore from a savepoint after the input stream scaled', () => {
  // The runtime restores the master hooks on a savepoint submit as on a restart, so the reader group goes back to
  // the savepoint's reader-group checkpoint (not where the stopped job's readers left it, past the savepoint).
  test.each<[string, number, number, boolean]>([
    ['stopped at parallelism 2, split while stopped, resumed at 2', 2, 2, false],
    ['stopped at parallelism 2, split and merged while stopped, resumed at 3', 2, 3, true],
  ])('%s: per-key order, every event exactly once', { timeout: 60_000 }, async (_name, from, to, merge) => {
    const { store, cluster } = setup;
    const { result, rows } = await stopScaleResume(store, cluster, from, to, merge);
    expect(result.restarts).toEqual([]);
    expectExactlyOnceInOrder(rows, KEYS, PER_KEY);
  });
});
