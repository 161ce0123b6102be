import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../support/index.ts';
import { KEYS, type Verdict } from './jobs/unaligned-sequence.ts';

const JOB = jobPath('runtime', 'unaligned-sequence');
/** Small buffers, so that backpressure builds and much of the data is in flight. */
const network = { batchSize: 16, creditsPerChannel: 2, maxBacklogPerChannel: 1, flushIntervalMs: 5 };
const mini = useMiniCluster({ name: 'unaligned', workers: 2, slotsPerWorker: 4, metricsIntervalMs: 200 });

interface Run {
  verdicts: Map<number, Verdict>;
  restarts: readonly { attempt: number; checkpointId: number | undefined }[];
  /** End-to-end durations of the completed checkpoints, and whether each went unaligned (any task). */
  checkpoints: { id: number; durationMs: number; unaligned: boolean; inFlightBytes: number }[];
}

function run(
  parallelism: number,
  records: number,
  faults: FaultSpec[],
  env: Record<string, string> = {},
): Promise<Run> {
  return withEnv({ UNALIGNED_RECORDS: String(records), ...env }, async () => {
    const client = await mini.cluster.submit(JOB, { parallelism, faults, network });
    const checkpoints: Run['checkpoints'] = [];
    client.checkpoints$.subscribe((s) => {
      if (s.status !== 'COMPLETED' || s.kind !== 'checkpoint') return;
      checkpoints.push({
        id: s.id,
        durationMs: s.endToEndDurationMs ?? 0,
        unaligned: s.tasks.some((t) => t.unaligned),
        inFlightBytes: s.inFlightBytes,
      });
    });
    const result = await client.result();
    const verdicts = new Map<number, Verdict>();
    for (const v of result.collected.final as Verdict[]) {
      expect(verdicts.has(v.key), `key ${v.key} reported twice`).toBe(false);
      verdicts.set(v.key, v);
    }
    return { verdicts, restarts: result.restarts, checkpoints };
  });
}

/** 0 lost, 0 duplicated, 0 out of order per key: every key saw exactly its records, in sequence. */
function expectExact(verdicts: Map<number, Verdict>, records: number): void {
  expect(verdicts.size).toBe(KEYS);
  for (let key = 0; key < KEYS; key++) {
    let count = 0;
    let sum = 0;
    for (let i = key; i < records; i += KEYS) {
      count++;
      sum += i;
    }
    expect(verdicts.get(key), `key ${key}`).toEqual({ key, count, sum, duplicated: 0, outOfOrder: 0 });
  }
}

/** A fault at any checkpoint of an attempt, in a phase of the snapshot: the first checkpoint of the attempt fires. */
function atAnyCheckpoint(
  operatorUid: string,
  subtaskIndex: number,
  attempt: number,
  phase: 'sync' | 'async',
): FaultSpec[] {
  return Array.from({ length: 400 }, (_, i) => ({
    operatorUid,
    subtaskIndex,
    attempt,
    at: { checkpoint: i + 1, phase },
    action: 'throw' as const,
  }));
}

describe.each([2, 4])('unaligned checkpoints under backpressure, parallelism %i', (parallelism) => {
  test('five failures (processing, snapshot, recovery, killed worker): 0 lost, 0 duplicated, 0 out of order', async () => {
    const records = 40_000;
    const share = records / parallelism;
    const faults: FaultSpec[] = [
      // In processing.
      { operatorUid: 'map', subtaskIndex: 0, at: { records: Math.floor(share * 0.2) }, action: 'throw' },
      // In the synchronous part of a snapshot.
      ...atAnyCheckpoint('sequencer', 1, 1, 'sync'),
      // During recovery: right after the restore, while channel state is replayed.
      { operatorUid: 'verifier', subtaskIndex: 0, attempt: 2, at: { records: 5 }, action: 'throw' },
      // A killed worker thread.
      { operatorUid: 'sequencer', subtaskIndex: 0, attempt: 3, at: { records: 2_000 }, action: 'exit-worker' },
      // In the asynchronous part of a snapshot.
      ...atAnyCheckpoint('verifier', parallelism - 1, 4, 'async'),
    ];
    const started = performance.now();
    const { verdicts, restarts, checkpoints } = await run(parallelism, records, faults);
    console.log(
      `parallelism ${parallelism}: ${restarts.length} restarts from checkpoints ` +
        `${restarts.map((r) => r.checkpointId ?? '-').join(', ')}, ${checkpoints.length} checkpoints completed ` +
        `(${checkpoints.filter((c) => c.unaligned).length} unaligned, in-flight bytes up to ` +
        `${Math.max(0, ...checkpoints.map((c) => c.inFlightBytes))}), ${Math.round(performance.now() - started)} ms`,
    );
    expect(restarts).toHaveLength(5);
    expect(restarts.some((r) => r.checkpointId !== undefined)).toBe(true);
    expectExact(verdicts, records);
  }, 60_000);
});

test('aligned, unaligned and aligned-with-timeout checkpoints under the same backpressure all give exact results', async () => {
  // Only the results are checked; the checkpoints' durations are printed to read (timing belongs in bench/).
  // A slower sink than above (1 ms sleep every 2 records), so that draining the in-flight data takes a while.
  const records = 5_000;
  const slow = { SINK_SLEEP_EVERY: '2' };
  const aligned = await run(2, records, [], { ...slow, UNALIGNED: 'false' });
  const unaligned = await run(2, records, [], slow);
  const timeout = await run(2, records, [], { ...slow, ALIGNED_TIMEOUT_MS: '50' });
  const summary = (r: Run) => {
    const d = r.checkpoints.map((c) => c.durationMs).sort((a, b) => a - b);
    return {
      completed: d.length,
      unaligned: r.checkpoints.filter((c) => c.unaligned).length,
      'median ms': Math.round(d[Math.floor(d.length / 2)] ?? Number.NaN),
      'max ms': Math.round(d.at(-1) ?? Number.NaN),
      'max in-flight bytes': Math.max(0, ...r.checkpoints.map((c) => c.inFlightBytes)),
    };
  };
  console.table({
    aligned: summary(aligned),
    unaligned: summary(unaligned),
    'aligned, timeout 50 ms': summary(timeout),
  });
  expectExact(aligned.verdicts, records);
  expectExact(unaligned.verdicts, records);
  expectExact(timeout.verdicts, records);
}, 60_000);
