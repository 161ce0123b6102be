import {
  type CommitRequest,
  type RuntimeContext,
  type SinkInitContext,
  TwoPhaseCommitSink,
  type TwoPhaseCommittingSink,
} from '@dhara/core';
import { describe, expect, test } from 'vitest';
import type { OperatorSnapshot } from '../../src/checkpoint/index.ts';
import { FaultInjector } from '../../src/faults/index.ts';
import { OperatorStateBackend } from '../../src/state/index.ts';
import { CommittingSinkOperator, END_OF_INPUT } from '../../src/taskworker/operators/CommittingSinkOperator.ts';
import { COMMIT_RETRIES } from '../../src/taskworker/operators/commitRounds.ts';
import type { OperatorContext } from '../../src/taskworker/operators/index.ts';

/** An in-memory transactional store: what a TwoPhaseCommitSink does to it, in order. */
interface Txn {
  id: string;
  values: number[];
}
class LoggingSink extends TwoPhaseCommitSink<number, Txn> {
  readonly log: string[] = [];
  readonly committed: number[] = [];
  readonly open = new Map<string, Txn>();
  private next = 0;
  protected beginTransaction(context: SinkInitContext): Txn {
    const txn = { id: `t${context.attemptNumber}.${this.next++}`, values: [] };
    this.open.set(txn.id, txn);
    this.log.push(`begin ${txn.id}`);
    return txn;
  }
  protected invoke(txn: Txn, value: number): void {
    this.open.get(txn.id)!.values.push(value);
  }
  protected preCommit(txn: Txn): void {
    this.log.push(`preCommit ${txn.id}`);
  }
  protected commit(txn: Txn): void {
    const live = this.open.get(txn.id);
    this.log.push(`commit ${txn.id}`);
    if (live === undefined) return; // committed before: idempotent
    this.committed.push(...live.values);
    this.open.delete(txn.id);
  }
  protected abort(txn: Txn): void {
    this.log.push(`abort ${txn.id}`);
    this.open.delete(txn.id);
  }
  protected override recoverAndCommit(txn: Txn): void {
    this.log.push(`recoverAndCommit ${txn.id}`);
    this.commit(txn);
  }
}

function operator(sink: TwoPhaseCommittingSink<unknown, unknown, unknown>, restored?: OperatorSnapshot, attempt = 0) {
  const operatorState = new OperatorStateBackend(restored);
  const runtime = {
    jobName: 'test',
    operatorUid: 'sink',
    operatorName: 'sink',
    subtaskIndex: 0,
    parallelism: 1,
    maxParallelism: 128,
    attemptNumber: attempt,
  } as RuntimeContext;
  const context = {
    runtime,
    operatorState,
    restored,
    faults: new FaultInjector([], 0, attempt),
  } as unknown as OperatorContext;
  return new CommittingSinkOperator(context, sink);
}

/** Barrier n: pre-barrier preparation then the snapshot, as the task does. */
function checkpoint(op: CommittingSinkOperator, id: number): OperatorSnapshot {
  op.prepareSnapshotPreBarrier(id);
  return structuredClone(op.snapshotState(id)!);
}

describe('TwoPhaseCommitSink bookkeeping through the committing sink operator', () => {
  test('snapshot pre-commits and begins anew; completion commits every checkpoint up to it, in order', async () => {
    const sink = new LoggingSink();
    const op = operator(sink as never);
    await op.open();
    op.processElement(1, undefined);
    checkpoint(op, 1);
    op.processElement(2, undefined);
    checkpoint(op, 2);
    op.processElement(3, undefined);
    checkpoint(op, 3);
    expect(sink.committed).toEqual([]);
    await op.notifyCheckpointComplete(2);
    expect(sink.committed).toEqual([1, 2]);
    expect(sink.log).toEqual([
      'begin t0.0',
      'preCommit t0.0',
      'begin t0.1',
      'preCommit t0.1',
      'begin t0.2',
      'preCommit t0.2',
      'begin t0.3',
      'commit t0.0',
      'commit t0.1',
    ]);
    await op.notifyCheckpointComplete(3);
    expect(sink.committed).toEqual([1, 2, 3]);
    // A late notice for an older checkpoint commits nothing again.
    await op.notifyCheckpointComplete(1);
    expect(sink.log.filter((l) => l.startsWith('commit'))).toHaveLength(3);
  });

  test('an aborted checkpoint keeps its transaction for the next completed one', async () => {
    const sink = new LoggingSink();
    const op = operator(sink as never);
    await op.open();
    op.processElement(1, undefined);
    checkpoint(op, 1);
    op.notifyCheckpointAborted(1);
    op.processElement(2, undefined);
    checkpoint(op, 2);
    expect(sink.committed).toEqual([]);
    await op.notifyCheckpointComplete(2);
    expect(sink.committed).toEqual([1, 2]);
  });

  test('restore: the restored pre-committed transactions commit again, the open one is aborted', async () => {
    const sink = new LoggingSink();
    const first = operator(sink as never);
    await first.open();
    first.processElement(1, undefined);
    const snapshot1 = checkpoint(first, 1);
    first.processElement(2, undefined);
    const snapshot2 = checkpoint(first, 2);
    // Checkpoint 1's commit happened, then the task died before checkpoint 2's notice; 3 is never taken.
    await first.notifyCheckpointComplete(1);
    first.processElement(3, undefined);
    expect(snapshot1.listState!['dhara.sink.committables']).toHaveLength(1);
    expect(snapshot2.listState!['dhara.sink.committables']).toHaveLength(2);

    sink.log.length = 0;
    const second = operator(sink as never, snapshot2, 1);
    await second.open();
    // t0.0 (already committed) and t0.1 are committed again; t0.2 (open at checkpoint 2, held value 3) is aborted.
    expect(sink.log).toEqual([
      'recoverAndCommit t0.0',
      'commit t0.0',
      'recoverAndCommit t0.1',
      'commit t0.1',
      'abort t0.2',
      'begin t1.3',
    ]);
    expect(sink.committed).toEqual([1, 2]);
    second.processElement(3, undefined);
    await second.endInput();
    expect(sink.committed).toEqual([1, 2, 3]);
    await second.close();
    expect(sink.open.size).toBe(0);
  });

  test('end of input pre-commits and commits the rest, and begins no new transaction', async () => {
    const sink = new LoggingSink();
    const op = operator(sink as never);
    await op.open();
    op.processElement(7, undefined);
    await op.endInput();
    expect(sink.committed).toEqual([7]);
    expect(sink.log).toEqual(['begin t0.0', 'preCommit t0.0', 'commit t0.0']);
    await op.close();
  });
});

describe('committer rounds', () => {
  function sinkWith(
    commit: (requests: readonly CommitRequest<number>[]) => void,
  ): TwoPhaseCommittingSink<number, number> {
    let n = 0;
    return {
      createWriter: () => ({
        write() {},
        flush() {},
        prepareCommit: () => [n++],
        close() {},
      }),
      createCommitter: () => ({ commit }),
    };
  }

  test('retryLater retries, then fails the task after the limit', async () => {
    const rounds: number[] = [];
    const op = operator(
      sinkWith((requests) => {
        for (const r of requests) {
          rounds.push(r.numberOfRetries);
          r.retryLater();
        }
      }) as never,
    );
    await op.open();
    checkpoint(op, 1);
    await expect(op.notifyCheckpointComplete(1)).rejects.toMatchObject({ code: 'SINK_COMMIT_RETRIES_EXHAUSTED' });
    expect(rounds).toEqual(Array.from({ length: COMMIT_RETRIES + 1 }, (_, i) => i));
  });

  test('a retry that then succeeds commits; unknown failures and throws fail with SINK_COMMIT_FAILED', async () => {
    const seen: number[] = [];
    const op = operator(
      sinkWith((requests) => {
        for (const r of requests) {
          if (r.numberOfRetries < 2) r.retryLater();
          else seen.push(r.committable);
        }
      }) as never,
    );
    await op.open();
    checkpoint(op, 1);
    await op.notifyCheckpointComplete(1);
    expect(seen).toEqual([0]);

    const failing = operator(
      sinkWith((requests) => requests[0]!.signalFailedWithUnknownReason(new Error('boom'))) as never,
    );
    await failing.open();
    checkpoint(failing, 1);
    await expect(failing.notifyCheckpointComplete(1)).rejects.toMatchObject({ code: 'SINK_COMMIT_FAILED' });

    const throwing = operator(
      sinkWith(() => {
        throw new Error('down');
      }) as never,
    );
    await throwing.open();
    checkpoint(throwing, 1);
    await expect(throwing.notifyCheckpointComplete(1)).rejects.toThrow(/down/);
  });

  test('the committer sees one checkpoint at a time, in order, with its id', async () => {
    const calls: number[][] = [];
    const op = operator(sinkWith((requests) => calls.push(requests.map((r) => r.checkpointId))) as never);
    await op.open();
    for (const id of [1, 2, 3, 4]) checkpoint(op, id);
    await op.notifyCheckpointComplete(3);
    await op.endInput();
    expect(calls).toEqual([[1], [2], [3], [4], [END_OF_INPUT]]);
  });

  test('a writer that returns a promise at the barrier fails with SINK_WRITER_NOT_SYNCHRONOUS', async () => {
    const op = operator({
      createWriter: () => ({ write: () => Promise.resolve(), flush() {}, prepareCommit: () => [], close() {} }),
      createCommitter: () => ({ commit() {} }),
    } as never);
    await op.open();
    expect(() => op.processElement(1, undefined)).toThrow(
      expect.objectContaining({ code: 'SINK_WRITER_NOT_SYNCHRONOUS' }),
    );
  });
});
