import type { CheckpointingMode } from '@dhara/core';
import type { CheckpointBarrier, InputGate } from '../../network/index.ts';

/** What the handler tells its task. */
export interface BarrierHandlerOutput {
  /** Every input channel delivered the barrier: take the checkpoint. */
  triggerCheckpoint(barrier: CheckpointBarrier, alignmentMs: number, startDelayMs: number): void;
  /** A checkpoint in progress was given up (a newer barrier, or an upstream cancellation). */
  abortCheckpoint(checkpointId: number, reason: string): void;
}

/**
 * Follows barriers on a task's input channels. Exactly-once aligns: a channel whose barrier arrived is blocked until
 * every channel has delivered it, so no record after the barrier is processed before the snapshot. At-least-once
 * counts barriers without blocking. A newer barrier aborts an unfinished older alignment; a finished channel counts
 * as having delivered every barrier.
 */
export class BarrierHandler {
  private currentId = -1;
  private readonly arrived = new Set<number>();
  private alignmentStart = 0;
  private startDelayMs = 0;
  private pending: CheckpointBarrier | undefined;

  constructor(
    private readonly gate: InputGate,
    private readonly mode: CheckpointingMode,
    private readonly now: () => number,
    private readonly output: BarrierHandlerOutput,
  ) {}

  get alignmentInProgress(): boolean {
    return this.pending !== undefined;
  }

  processBarrier(channelIndex: number, barrier: CheckpointBarrier): void {
    if (barrier.checkpointId < this.currentId) return;
    if (barrier.checkpointId > this.currentId) {
      if (this.pending !== undefined) {
        this.output.abortCheckpoint(
          this.currentId,
          `barrier ${barrier.checkpointId} arrived before alignment of ${this.currentId} finished`,
        );
        this.reset();
      }
      this.currentId = barrier.checkpointId;
      this.pending = barrier;
      this.alignmentStart = this.now();
      this.startDelayMs = Math.max(0, Date.now() - barrier.timestamp);
    } else if (this.pending === undefined) {
      return; // a late barrier of a checkpoint this task already took or gave up
    }
    this.arrived.add(channelIndex);
    if (this.mode === 'exactly-once') this.gate.channels[channelIndex]!.blocked = true;
    this.completeIfAligned();
  }

  /** An upstream task declined the checkpoint: give it up here too. */
  processCancel(checkpointId: number): void {
    if (checkpointId < this.currentId || (checkpointId === this.currentId && this.pending === undefined)) return;
    this.currentId = checkpointId;
    if (this.pending !== undefined) this.reset();
    this.output.abortCheckpoint(checkpointId, 'an upstream task declined it');
  }

  /** A channel ended: it holds no barrier back any more. */
  channelFinished(): void {
    if (this.pending !== undefined) this.completeIfAligned();
  }

  /** Gives up the alignment in progress (the coordinator aborted the checkpoint). */
  abort(checkpointId: number): void {
    if (checkpointId === this.currentId && this.pending !== undefined) this.reset();
  }

  private completeIfAligned(): void {
    const barrier = this.pending!;
    for (const channel of this.gate.channels) {
      if (!channel.finished && !this.arrived.has(channel.index)) return;
    }
    const alignmentMs = this.now() - this.alignmentStart;
    const startDelayMs = this.startDelayMs;
    this.reset();
    this.output.triggerCheckpoint(barrier, alignmentMs, startDelayMs);
  }

  private reset(): void {
    this.pending = undefined;
    this.arrived.clear();
    this.gate.unblockAll();
  }
}
