import type { CheckpointingMode } from '@dhara/core';
import type { CancelTimer, Clock } from '../../mailbox/index.ts';
import type { CheckpointBarrier, FrameCodec, InputGate } from '../../network/index.ts';
import type { ChannelStateWriter, CheckpointableTask } from './CheckpointableTask.ts';
import { InputChannelStateCapture } from './InputChannelStateCapture.ts';

/** Unaligned checkpoints (FLIP-76) and the aligned-checkpoint timeout. */
export interface UnalignedOptions {
  /** `checkpointConfig.unaligned`: checkpoints (never savepoints) may go unaligned. */
  readonly enabled: boolean;
  /** 0: unaligned from the start; otherwise start aligned and switch once the checkpoint is older than this. */
  readonly alignedTimeoutMs: number;
  /** The barrier timestamps' clock (ms since the epoch); its timers must run on the task's mailbox. */
  readonly clock: Clock;
  readonly codec: FrameCodec;
  /** Gets an unaligned checkpoint's input channel state once every channel delivered its barrier. */
  readonly channelStateWriter: ChannelStateWriter;
}

/**
 * Follows barriers on a task's input channels. Exactly-once aligns: a channel whose barrier arrived is blocked until
 * every channel has delivered it, so no record after the barrier is processed before the snapshot. At-least-once
 * counts barriers without blocking. A newer barrier aborts an unfinished older alignment; a finished channel counts
 * as having delivered every barrier.
 *
 * Unaligned (as Flink's alternating handler): a checkpoint goes unaligned on its first priority barrier, at once when
 * there is no aligned timeout or its barrier arrives already late, or when alignment outlives the timeout (counted
 * from the barrier's timestamp, the checkpoint's start). The snapshot is then taken at once, the channels unblock,
 * and the data still ahead of the barrier on each channel is recorded as input channel state until every channel
 * delivered it.
 */
export class BarrierHandler {
  private currentId = -1;
  private readonly arrived = new Set<number>();
  private alignmentStart = 0;
  private startDelayMs = 0;
  private pending: CheckpointBarrier | undefined;
  private capture: InputChannelStateCapture | undefined;
  private cancelTimeout: CancelTimer | undefined;
  private announcedId = -1;

  constructor(
    private readonly gate: InputGate,
    private readonly mode: CheckpointingMode,
    private readonly now: () => number,
    private readonly task: CheckpointableTask,
    private readonly unaligned?: UnalignedOptions,
  ) {
    if (unaligned?.enabled === true && unaligned.alignedTimeoutMs > 0 && mode === 'exactly-once') {
      for (const channel of gate.channels) {
        channel.onAlignedBarrier = (frame) => this.announce(unaligned.codec.decodeBarrier(frame));
      }
    }
  }

  get alignmentInProgress(): boolean {
    return this.pending !== undefined;
  }

  /** Whether the checkpoint in progress went unaligned. */
  get isUnaligned(): boolean {
    return this.capture !== undefined;
  }

  /**
   * `priority`: the barrier was sent unaligned. `overtaken`: the data frames queued before it on its channel, when
   * the gate took it ahead of them.
   */
  processBarrier(
    channelIndex: number,
    barrier: CheckpointBarrier,
    priority = false,
    overtaken: readonly Uint8Array[] = [],
  ): void {
    if (barrier.checkpointId < this.currentId) return;
    const first = barrier.checkpointId > this.currentId;
    if (first) {
      this.begin(barrier);
    } else if (this.pending === undefined) {
      return; // a late barrier of a checkpoint this task already took or gave up
    }
    this.arrived.add(channelIndex);
    if (this.capture !== undefined) {
      // Already unaligned: this channel's state was recorded up to its barrier.
      this.completeIfAligned();
      return;
    }
    if (this.mayGoUnaligned(barrier) && (priority || this.isLate(barrier))) {
      this.goUnaligned(channelIndex, overtaken);
      return;
    }
    if (first) this.scheduleTimeout(barrier);
    if (this.mode === 'exactly-once') this.gate.channels[channelIndex]!.blocked = true;
    this.completeIfAligned();
  }

  /**
   * An aligned barrier reached a channel's queue, not yet processed (Flink announces it ahead of the queue): the
   * aligned timeout counts from now on, even while the task is still busy with the data before it.
   */
  announce(barrier: CheckpointBarrier): void {
    if (!this.mayGoUnaligned(barrier) || barrier.checkpointId <= this.announcedId) return;
    if (barrier.checkpointId < this.currentId) return;
    this.announcedId = barrier.checkpointId;
    const { clock, alignedTimeoutMs } = this.unaligned!;
    clock.setTimer(barrier.timestamp + alignedTimeoutMs - clock.now(), () => {
      if (barrier.checkpointId > this.currentId) {
        // No barrier of this checkpoint processed yet: the checkpoint starts here, unaligned.
        this.begin(barrier);
        this.goUnaligned(undefined, []);
      } else if (this.pending?.checkpointId === barrier.checkpointId && this.capture === undefined) {
        this.goUnaligned(undefined, []);
      }
    });
  }

  /** An upstream task declined the checkpoint: give it up here too. */
  processCancel(checkpointId: number): void {
    if (checkpointId < this.currentId || (checkpointId === this.currentId && this.pending === undefined)) return;
    this.currentId = checkpointId;
    if (this.pending !== undefined) this.reset();
    this.task.abortCheckpointOnBarrier(checkpointId, 'an upstream task declined it');
  }

  /** A channel ended: it holds no barrier back any more. */
  channelFinished(): void {
    if (this.pending !== undefined) this.completeIfAligned();
  }

  /** The coordinator aborted the checkpoint: its alignment, if in progress, is given up. */
  notifyCheckpointAborted(checkpointId: number): void {
    if (checkpointId === this.currentId && this.pending !== undefined) this.reset();
  }

  /** The first sign of a newer checkpoint: an unfinished older one is given up. */
  private begin(barrier: CheckpointBarrier): void {
    if (this.pending !== undefined) {
      this.task.abortCheckpointOnBarrier(
        this.currentId,
        `barrier ${barrier.checkpointId} arrived before alignment of ${this.currentId} finished`,
        true,
      );
      this.reset();
    }
    this.currentId = barrier.checkpointId;
    this.pending = barrier;
    this.alignmentStart = this.now();
    this.startDelayMs = Math.max(0, this.wallNow() - barrier.timestamp);
  }

  private mayGoUnaligned(barrier: CheckpointBarrier): boolean {
    return this.unaligned?.enabled === true && this.mode === 'exactly-once' && barrier.kind === 'checkpoint';
  }

  /** No aligned phase at all, or a barrier that arrives after the aligned phase would have ended. */
  private isLate(barrier: CheckpointBarrier): boolean {
    const timeout = this.unaligned!.alignedTimeoutMs;
    return timeout === 0 || this.wallNow() - barrier.timestamp >= timeout;
  }

  private scheduleTimeout(barrier: CheckpointBarrier): void {
    if (!this.mayGoUnaligned(barrier)) return;
    const { clock, alignedTimeoutMs } = this.unaligned!;
    const delay = barrier.timestamp + alignedTimeoutMs - clock.now();
    this.cancelTimeout = clock.setTimer(delay, () => {
      this.cancelTimeout = undefined;
      if (this.pending === barrier && this.capture === undefined) this.goUnaligned(undefined, []);
    });
  }

  /** Snapshot now; record what is still ahead of the barrier on every channel that has not delivered it. */
  private goUnaligned(firstChannel: number | undefined, overtaken: readonly Uint8Array[]): void {
    const barrier = this.pending!;
    this.cancelTimeout?.();
    this.cancelTimeout = undefined;
    const capture = new InputChannelStateCapture(barrier.checkpointId, this.unaligned!.codec);
    this.capture = capture;
    if (firstChannel !== undefined) capture.addOvertaken(firstChannel, overtaken);
    for (const channel of this.gate.channels) {
      if (!channel.finished && !this.arrived.has(channel.index)) capture.record(channel);
    }
    this.gate.unblockAll();
    this.task.triggerCheckpointOnBarrier(barrier, this.now() - this.alignmentStart, this.startDelayMs, true);
    if (this.capture === capture) this.completeIfAligned();
  }

  private completeIfAligned(): void {
    const barrier = this.pending!;
    for (const channel of this.gate.channels) {
      if (!channel.finished && !this.arrived.has(channel.index)) return;
    }
    const capture = this.capture;
    if (capture !== undefined) {
      const { inputs, bytes } = capture.result();
      this.reset();
      this.unaligned!.channelStateWriter.finishInputChannelState(barrier.checkpointId, inputs, bytes);
      return;
    }
    const alignmentMs = this.now() - this.alignmentStart;
    const startDelayMs = this.startDelayMs;
    this.reset();
    this.task.triggerCheckpointOnBarrier(barrier, alignmentMs, startDelayMs);
  }

  private wallNow(): number {
    return this.unaligned?.clock.now() ?? Date.now();
  }

  private reset(): void {
    this.pending = undefined;
    this.arrived.clear();
    this.gate.unblockAll();
    this.capture?.stop();
    this.capture = undefined;
    this.cancelTimeout?.();
    this.cancelTimeout = undefined;
  }
}
