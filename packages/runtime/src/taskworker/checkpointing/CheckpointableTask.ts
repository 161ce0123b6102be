import type { OperatorSnapshot } from '../../checkpoint/index.ts';
import type { CheckpointBarrier } from '../../network/index.ts';

/** What barrier handling drives (Flink's CheckpointableTask); the task's TaskCheckpointer implements it. */
export interface CheckpointableTask {
  /**
   * Take the checkpoint now: every input channel delivered its barrier (aligned), or the checkpoint went unaligned —
   * its input channel state then follows through `ChannelStateWriter.finishInputChannelState`.
   */
  triggerCheckpointOnBarrier(
    barrier: CheckpointBarrier,
    alignmentMs: number,
    startDelayMs: number,
    unaligned?: boolean,
  ): void;
  /**
   * A checkpoint in progress was given up here: decline it. `subsumed` when a newer checkpoint's barrier came first
   * (not a failure: the newer one takes its place), else an upstream cancellation.
   */
  abortCheckpointOnBarrier(checkpointId: number, reason: string, subsumed?: boolean): void;
}

/** Where an unaligned checkpoint's recorded input channel state goes (Flink's ChannelStateWriter). */
export interface ChannelStateWriter {
  /**
   * Every input channel delivered the barrier of unaligned checkpoint `checkpointId`: `inputs` (by channel index) are
   * the data frames that were ahead of it, `bytes` their size. The checkpoint's snapshot is complete.
   */
  finishInputChannelState(checkpointId: number, inputs: Record<number, Uint8Array[]>, bytes: number): void;
}

/** A source task's source, whose state a checkpoint takes with the chain's (its reader's splits). */
export interface CheckpointedSource {
  readonly uid: string;
  snapshotState(checkpointId: number): OperatorSnapshot;
}
