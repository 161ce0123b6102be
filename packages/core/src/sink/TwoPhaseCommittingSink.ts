import type { Committer } from './Committer.ts';
import type { Sink, SinkInitContext, SinkWriteContext, SinkWriter } from './Sink.ts';

/**
 * Turns committables into bytes and back (Flink's `SimpleVersionedSerializer`). Optional: without one, committables
 * are stored in the checkpoint as plain data (msgpack), which suits committables made of plain objects.
 */
export interface CommittableSerializer<C> {
  readonly version: number;
  serialize(committable: C): Uint8Array;
  deserialize(version: number, bytes: Uint8Array): C;
}

/** What a committing writer learns besides where it runs: the state its predecessor stored, when restored. */
export interface CommittingSinkInitContext<S> extends SinkInitContext {
  /** True when the subtask starts from a checkpoint (its committables were committed again just before). */
  readonly restored: boolean;
  /** What the writer's `snapshotState` stored in that checkpoint (empty when not restored). */
  readonly restoredWriterState: readonly S[];
}

/**
 * A writer whose output becomes visible only when a checkpoint completes (Flink's `CommittingSinkWriter`, with
 * `StatefulSinkWriter`'s `snapshotState`). On each checkpoint barrier the runtime calls `flush(false)` then
 * `prepareCommit()`, before the barrier moves on. At the end of input it calls `flush(true)`; with checkpointing on,
 * the job's final checkpoint (taken after every task reached the end of its input) then prepares and commits the
 * rest, so the tail is committed exactly once too; with checkpointing off, `prepareCommit()` follows at once.
 *
 * `write` and `prepareCommit` are synchronous (a returned promise fails the task with `SINK_WRITER_NOT_SYNCHRONOUS`):
 * they decide what belongs to the checkpoint while the barrier waits. `flush` may return a promise: the barrier and
 * the snapshot do not wait for it, but the checkpoint is acknowledged only once it resolves (a rejection fails the
 * task), so it must make durable exactly what was written before the call — e.g. a transaction's pending writes.
 */
export interface CommittingSinkWriter<T, C, S = never> extends SinkWriter<T> {
  write(element: T, context: SinkWriteContext): void;
  flush(endOfInput: boolean): void | Promise<void>;
  /** Closes the work since the last call for commit: what it returns is stored in the checkpoint and committed. */
  prepareCommit(): C[];
  /** The writer's own state for this checkpoint (e.g. the open transaction), taken after `prepareCommit`. */
  snapshotState?(checkpointId: number): S[];
}

/**
 * A sink with exactly-once output (Flink's Sink V2 `TwoPhaseCommittingSink`): its writers pre-commit on every
 * barrier, the committables are stored in that checkpoint, and the committer commits them once it completes.
 */
export interface TwoPhaseCommittingSink<T, C, S = never> extends Sink<T> {
  createWriter(
    context: CommittingSinkInitContext<S>,
  ): CommittingSinkWriter<T, C, S> | Promise<CommittingSinkWriter<T, C, S>>;
  /** One committer per subtask; it commits what that subtask's writer prepared. */
  createCommitter(context: SinkInitContext): Committer<C>;
  readonly committableSerializer?: CommittableSerializer<C>;
}

export function isTwoPhaseCommittingSink(
  sink: Sink<unknown>,
): sink is TwoPhaseCommittingSink<unknown, unknown, unknown> {
  return typeof (sink as Partial<TwoPhaseCommittingSink<unknown, unknown>>).createCommitter === 'function';
}
