import type { StateFileHandle } from '../checkpoint/index.ts';
import type { SerializedError } from '../errors/index.ts';
import type { TaskMetricsSample } from '../metrics/index.ts';

/** Task -> job manager, on the task's control port. */
export type TaskToJobManager =
  | { readonly type: 'running'; readonly threadId: number }
  | { readonly type: 'metrics'; readonly sample: TaskMetricsSample }
  | { readonly type: 'splitRequest' }
  | { readonly type: 'sourceEvent'; readonly event: unknown }
  | { readonly type: 'collect'; readonly name: string; readonly values: unknown[] }
  | { readonly type: 'outcome'; readonly outcome: TaskOutcome }
  | {
      readonly type: 'acknowledgeCheckpoint';
      readonly checkpointId: number;
      readonly handle: StateFileHandle;
      readonly operatorUids: readonly string[];
      readonly stats: TaskCheckpointStats;
    }
  | {
      readonly type: 'declineCheckpoint';
      readonly checkpointId: number;
      readonly reason: string;
      /**
       * A newer checkpoint's barrier arrived before this one's alignment finished (Flink's
       * CHECKPOINT_DECLINED_SUBSUMED): the newer checkpoint takes its place, so this is no failure of checkpointing.
       */
      readonly subsumed?: boolean;
    }
  /** The task's input ended (checkpointing on): it finishes after the next checkpoint that it takes completes. */
  | { readonly type: 'endOfData' }
  /** A source reader's watermark for its alignment group (+Infinity when idle). */
  | { readonly type: 'reportWatermark'; readonly group: string; readonly watermark: number };

/** One subtask's share of a checkpoint, as Flink's checkpoint monitoring reports it. */
export interface TaskCheckpointStats {
  readonly vertexId: number;
  readonly subtaskIndex: number;
  /** The synchronous part, which holds the task up. */
  readonly syncDurationMs: number;
  /** Encoding is synchronous; this is the write with fsync, off the task's mailbox. */
  readonly asyncDurationMs: number;
  /** From the first barrier to the last (0 for a task with one input channel or a source). */
  readonly alignmentDurationMs: number;
  /** From the checkpoint's trigger to the first barrier reaching this task. */
  readonly startDelayMs: number;
  readonly stateBytes: number;
  readonly unaligned: boolean;
  readonly inFlightBytes: number;
}

/** Job manager -> task. */
export type JobManagerToTask =
  | { readonly type: 'cancel' }
  | { readonly type: 'addSplits'; readonly splits: unknown[] }
  | { readonly type: 'noMoreSplits' }
  | { readonly type: 'sourceEvent'; readonly event: unknown }
  | {
      /** A source task injects this checkpoint's barrier (as Flink's Task.triggerCheckpointBarrier). */
      readonly type: 'triggerCheckpointBarrier';
      readonly checkpointId: number;
      readonly timestamp: number;
      readonly kind: 'checkpoint' | 'savepoint';
      /** Stop with savepoint: after its barrier the source reads no more and ends its input (without draining). */
      readonly stopAfter?: boolean;
    }
  /**
   * With `thenStop` (stop with savepoint): after handling it, the task ends, without ending its input. With `final`:
   * the checkpoint was triggered after every task's end of data; after handling it, the task finishes.
   */
  | {
      readonly type: 'notifyCheckpointComplete';
      readonly checkpointId: number;
      readonly thenStop?: boolean;
      readonly final?: boolean;
    }
  | { readonly type: 'notifyCheckpointAborted'; readonly checkpointId: number }
  /** Watermark alignment: the highest watermark the reader may reach before it must wait. */
  | { readonly type: 'alignWatermark'; readonly maxAllowed: number };

/** The operator a failure came from, when the task could tell. */
export interface FailedOperator {
  readonly name: string;
  readonly uid: string;
}

/** How a task ended: its last control message. A dead worker shows up as a rejected piscina run instead. */
export type TaskOutcome =
  | { readonly status: 'finished'; readonly metrics: TaskMetricsSample }
  | { readonly status: 'canceled'; readonly metrics: TaskMetricsSample | undefined }
  | {
      readonly status: 'failed';
      readonly error: SerializedError;
      readonly operator: FailedOperator | undefined;
      readonly metrics: TaskMetricsSample | undefined;
    };
