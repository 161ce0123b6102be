import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, withEnv } from '../support/index.ts';
import type { AloRow } from './jobs/alo-sink.ts';
import { createStream, readStream, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'alo-sink');
const RECORDS = 6000;
const setup = useStoreAndCluster();

let runs = 0;
async function run(faults: FaultSpec[]) {
  const { store, cluster } = setup;
  const stream = `alo${runs++}`;
  await createStream(store.client, stream, 3);
  const env = { PRAVEGA_PORT: String(store.port), PRAVEGA_OUT: stream, PRAVEGA_RECORDS: String(RECORDS) };
  return withEnv(env, async () => {
    const client = await cluster.submit(JOB, { parallelism: 2, faults });
    const result = await client.result();
    return { result, rows: await readStream<AloRow>(store.client, stream) };
  });
}

describe('PravegaTable sink with sink.semantic=at-least-once', () => {
  test.each<[string, FaultSpec[]]>([
    ['no failure', []],
    [
      'a killed worker',
      [{ operatorUid: 'pravega-alo', subtaskIndex: 0, at: { records: 1200 }, action: 'exit-worker' }],
    ],
  ])('with %s: every record is in the output stream at least once', { timeout: 30_000 }, async (_name, faults) => {
    const { result, rows } = await run(faults);
    expect(result.restarts).toHaveLength(faults.length);
    const counts = new Uint32Array(RECORDS);
    for (const row of rows) {
      expect(row.key).toBe(`k${row.i % 13}`);
      counts[row.i]!++;
    }
    const missing = counts.reduce((m, c) => m + (c === 0 ? 1 : 0), 0);
    expect({ missing, atLeast: rows.length >= RECORDS }).toEqual({ missing: 0, atLeast: true });
    // Without a failure nothing is replayed, so nothing is duplicated either.
    if (faults.length === 0) expect(rows).toHaveLength(RECORDS);
  });
});
