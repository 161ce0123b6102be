import {
  type Committer,
  type CommittingSinkInitContext,
  type CommittingSinkWriter,
  listState,
  type SinkInitContext,
  type SinkWriteContext,
  SinkWriterNotSynchronousError,
  type TwoPhaseCommittingSink,
} from '@dhara/core';
import type { OperatorSnapshot } from '../../checkpoint/index.ts';
import { CommittableStore, type StoredCommittables } from './CommittableStore.ts';
import { commitRounds } from './commitRounds.ts';
import { BaseOperator, type OperatorContext } from './StreamOperator.ts';

/** The checkpoint id of what is prepared at the end of input (Flink's `Long.MAX_VALUE`). */
export const END_OF_INPUT = Number.MAX_SAFE_INTEGER;
const COMMITTABLES = listState<StoredCommittables>('dhara.sink.committables');
const WRITER_STATE = listState<unknown>('dhara.sink.writer');

type AnySink = TwoPhaseCommittingSink<unknown, unknown, unknown>;

/**
 * Writes and commits a two-phase committing sink in one operator (Flink's SinkWriterOperator with its chained
 * CommitterOperator). On a barrier: `flush(false)` + `prepareCommit()`, the committables kept under the checkpoint id
 * and stored in the operator's list state; a flush that returns a promise holds back the checkpoint's acknowledgement
 * until it resolves. When checkpoint n completes: every checkpoint <= n is committed, one at a time, in order. On
 * restore: the restored committables are committed again, before the writer starts. At the end of input: `flush(true)`;
 * with checkpointing on, the task's final checkpoint prepares and commits the rest (so a failure elsewhere before
 * that checkpoint completes replays the tail into a transaction that was never committed); with checkpointing off,
 * the rest is prepared and committed at once.
 */
export class CommittingSinkOperator extends BaseOperator {
  private writer: CommittingSinkWriter<unknown, unknown, unknown> | undefined;
  private committer: Committer<unknown> | undefined;
  private readonly store: CommittableStore<unknown>;
  /** Commits run one after another, whichever path asked for them. */
  private commits: Promise<void> = Promise.resolve();
  private readonly writeContext = {
    timestamp: undefined as number | undefined,
    currentWatermark: Number.NEGATIVE_INFINITY,
  };

  constructor(
    context: OperatorContext,
    private readonly sink: AnySink,
  ) {
    super(context);
    this.store = new CommittableStore(sink.committableSerializer);
  }

  override processWatermark(watermark: number): void {
    this.writeContext.currentWatermark = watermark;
  }

  override processWatermarkStatus(): void {}

  override async open(): Promise<void> {
    const { runtime, operatorState, restored } = this.context;
    const base: SinkInitContext = {
      jobName: runtime.jobName,
      operatorUid: runtime.operatorUid,
      subtaskIndex: runtime.subtaskIndex,
      parallelism: runtime.parallelism,
      attemptNumber: runtime.attemptNumber,
    };
    this.committer = this.sink.createCommitter(base);
    // Invariant 3: what the restored checkpoint recorded is committed again (commits are idempotent).
    const recovered = CommittableStore.fromState(
      this.sink.committableSerializer,
      operatorState.getListState(COMMITTABLES).get(),
    );
    for (const id of recovered.idsUpTo(END_OF_INPUT)) {
      await commitRounds(this.committer, runtime.operatorUid, id, recovered.get(id), true);
    }
    const context: CommittingSinkInitContext<unknown> = {
      ...base,
      restored: restored !== undefined,
      restoredWriterState: operatorState.getListState(WRITER_STATE).get(),
    };
    this.writer = await this.sink.createWriter(context);
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.writeContext.timestamp = timestamp;
    this.sync(this.writer!.write(value, this.writeContext as SinkWriteContext), 'write');
  }

  override prepareSnapshotPreBarrier(checkpointId: number): Promise<void> | undefined {
    return this.prepare(checkpointId, false);
  }

  override snapshotState(checkpointId: number): OperatorSnapshot | undefined {
    const { operatorState } = this.context;
    operatorState.getListState(COMMITTABLES).update(this.store.toState());
    operatorState.getListState(WRITER_STATE).update(this.writer!.snapshotState?.(checkpointId) ?? []);
    return super.snapshotState(checkpointId);
  }

  override notifyCheckpointComplete(checkpointId: number): Promise<void> {
    return this.commitUpTo(checkpointId);
  }

  /** An aborted checkpoint's committables stay; the next completed checkpoint commits them (ids <= its own). */
  override notifyCheckpointAborted(_checkpointId: number): void {}

  override async endInput(): Promise<void> {
    if (this.context.finalCheckpoint) {
      await this.writer!.flush(true);
      return;
    }
    await this.prepare(END_OF_INPUT, true);
    await this.commitUpTo(END_OF_INPUT);
  }

  override async close(): Promise<void> {
    await this.commits.catch(() => {});
    await this.writer?.close();
    await this.committer?.close?.();
  }

  /** Flush, then prepare (synchronously: the cut); resolves when the flush has, if it runs in the background. */
  private prepare(checkpointId: number, endOfInput: boolean): Promise<void> | undefined {
    const writer = this.writer!;
    const flushed = writer.flush(endOfInput);
    const committables = writer.prepareCommit();
    this.sync(committables, 'prepareCommit');
    if (committables.length > 0) this.store.add(checkpointId, committables);
    return isPromiseLike(flushed) ? Promise.resolve(flushed) : undefined;
  }

  private commitUpTo(checkpointId: number): Promise<void> {
    const { runtime, faults } = this.context;
    const run = async () => {
      for (const id of this.store.idsUpTo(checkpointId)) {
        await commitRounds(this.committer!, runtime.operatorUid, id, this.store.get(id), false);
        // A failure after the external commit, before the operator forgets it: the restart commits it again.
        faults.onCheckpoint([runtime.operatorUid], id, 'commit');
        this.store.remove(id);
      }
    };
    this.commits = this.commits.then(run);
    return this.commits;
  }

  private sync(result: unknown, method: string): void {
    if (isPromiseLike(result)) throw new SinkWriterNotSynchronousError(this.context.runtime.operatorUid, method);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
