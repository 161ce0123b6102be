import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, withEnv } from '../support/index.ts';
import type { OutRow } from './jobs/sink-exactly-once.ts';
import { createStream, readStream, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'sink-exactly-once');
const RECORDS = 6000;
const setup = useStoreAndCluster();

let runs = 0;
async function run(parallelism: number, faults: FaultSpec[]) {
  const { store, cluster } = setup;
  const stream = `out${runs++}`;
  await createStream(store.client, stream, 3);
  const env = {
    PRAVEGA_PORT: String(store.port),
    PRAVEGA_SCOPE: 't',
    PRAVEGA_OUT: stream,
    PRAVEGA_RECORDS: String(RECORDS),
  };
  return withEnv(env, async () => {
    const client = await cluster.submit(JOB, { parallelism, faults });
    const result = await client.result();
    return { result, rows: await readStream<OutRow>(store.client, stream) };
  });
}

function expectExactlyOnce(rows: readonly OutRow[]): void {
  const counts = new Uint8Array(RECORDS);
  for (const row of rows) {
    expect(row.key).toBe(`k${row.i % 13}`);
    counts[row.i]!++;
  }
  const missing = counts.reduce((m, c) => m + (c === 0 ? 1 : 0), 0);
  const duplicated = counts.reduce((m, c) => m + (c > 1 ? 1 : 0), 0);
  expect({ rows: rows.length, missing, duplicated }).toEqual({ rows: RECORDS, missing: 0, duplicated: 0 });
}

describe('PravegaSink exactly-once', () => {
  test.each<[string, FaultSpec[]]>([
    [
      'a killed worker',
      [{ operatorUid: 'pravega-out', subtaskIndex: 0, at: { records: 1200 }, action: 'exit-worker' }],
    ],
    [
      'a failure between checkpoint completion and commit',
      [
        {
          operatorUid: 'pravega-out',
          subtaskIndex: 1,
          at: { checkpoint: 3, phase: 'notify-complete' },
          action: 'throw',
        },
      ],
    ],
    [
      'a failure right after a commit (re-commit by id)',
      [{ operatorUid: 'pravega-out', subtaskIndex: 0, at: { checkpoint: 3, phase: 'commit' }, action: 'throw' }],
    ],
  ])('with %s: the output stream holds every record exactly once', { timeout: 30_000 }, async (_name, faults) => {
    const { result, rows } = await run(2, faults);
    expect(result.restarts).toHaveLength(1);
    expectExactlyOnce(rows);
  });
});
