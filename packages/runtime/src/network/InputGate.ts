import type { MessagePort } from 'node:worker_threads';
import { DharaError } from '@dhara/core';
import { FrameType, isBarrierFrame } from './frames.ts';

/** A sender put more frames in flight than it had credit for: a bug in the network stack, never ignored. */
export class FlowControlError extends DharaError {
  constructor(channel: number, queued: number, credits: number) {
    super(
      'FLOW_CONTROL_VIOLATED',
      `input channel ${channel} holds ${queued} frames but granted only ${credits} credits`,
    );
  }
}

/** What the gate hands out: a frame, its channel, and whether a credit goes back once the frame is processed. */
export interface PolledFrame {
  readonly channel: InputChannel;
  readonly frame: Uint8Array;
  /** False for restored frames (no sender granted them) and priority barriers (sent without credit). */
  readonly credit: boolean;
  /** A barrier taken ahead of its queue: the data frames it overtook (restored ones first), still queued. */
  readonly overtaken?: readonly Uint8Array[];
}

/**
 * The receiving end of one channel: frames queue here (at most the granted credit, plus priority barriers, which
 * come without credit) until the task takes them.
 */
export class InputChannel {
  readonly queue: Uint8Array[] = [];
  /** Restored input channel state: taken before the queue, returns no credit. */
  readonly replay: Uint8Array[] = [];
  /** Barrier frames in the queue that the gate hands out first, ahead of the frames before them (unaligned). */
  readonly urgent: Uint8Array[] = [];
  /** Sees every frame as it arrives, before the task does: unaligned checkpoints record in-flight data here. */
  observer: ((frame: Uint8Array) => void) | undefined;
  /** Told of every aligned barrier as it arrives, before the task reaches it (the aligned checkpoint timeout). */
  onAlignedBarrier: ((frame: Uint8Array) => void) | undefined;
  private priorityQueued = 0;
  finished = false;
  /** No more records will come (end of data or end of partition). */
  dataEnded = false;
  /** Held back during barrier alignment: its frames stay queued (within its credit) until the checkpoint is taken. */
  blocked = false;
  maxQueuedSeen = 0;
  violation: FlowControlError | undefined;

  constructor(
    readonly index: number,
    readonly inputIndex: 0 | 1,
    private readonly port: MessagePort,
    private readonly credits: number,
    onFrame: () => void,
  ) {
    port.on('message', (frame: Uint8Array) => {
      this.observer?.(frame);
      this.queue.push(frame);
      if (frame[0] === FrameType.PRIORITY_BARRIER) {
        this.priorityQueued++;
        this.urgent.push(frame);
      } else if (frame[0] === FrameType.CHECKPOINT_BARRIER) {
        this.onAlignedBarrier?.(frame);
      }
      const queued = this.queue.length - this.priorityQueued;
      if (queued > this.maxQueuedSeen) {
        this.maxQueuedSeen = queued;
        // Thrown from the task loop (see InputGate.poll), not from this listener, so the task fails cleanly.
        if (this.maxQueuedSeen > credits) this.violation = new FlowControlError(index, queued, credits);
      }
      onFrame();
    });
  }

  /** The head of the queue (a priority barrier found here was not marked urgent: it leaves the urgent list too). */
  shiftQueued(): Uint8Array | undefined {
    const frame = this.queue.shift();
    if (frame !== undefined && frame[0] === FrameType.PRIORITY_BARRIER) {
      this.priorityQueued--;
      const at = this.urgent.indexOf(frame);
      if (at >= 0) this.urgent.splice(at, 1);
    }
    return frame;
  }

  /** Takes the first urgent barrier out of the queue, with the data frames before it (restored ones first). */
  takeUrgent(): PolledFrame | undefined {
    const frame = this.urgent.shift();
    if (frame === undefined) return undefined;
    const at = this.queue.indexOf(frame);
    if (at < 0) return undefined;
    this.queue.splice(at, 1);
    const priority = frame[0] === FrameType.PRIORITY_BARRIER;
    if (priority) this.priorityQueued--;
    const overtaken = [...this.replay, ...this.queue.slice(0, at)].filter((f) => f[0] === FrameType.DATA);
    return { channel: this, frame, credit: !priority, overtaken };
  }

  /**
   * The data frames ahead of the first barrier of `isTarget` in this channel (restored ones first), and whether that
   * barrier is queued already (it is then marked urgent).
   */
  framesBefore(isTarget: (barrier: Uint8Array) => boolean): { frames: Uint8Array[]; barrierQueued: boolean } {
    const frames = this.replay.filter((f) => f[0] === FrameType.DATA);
    for (const frame of this.queue) {
      if (isBarrierFrame(frame) && isTarget(frame)) {
        if (!this.urgent.includes(frame)) this.urgent.push(frame);
        return { frames, barrierQueued: true };
      }
      if (frame[0] === FrameType.END_OF_PARTITION) return { frames, barrierQueued: true };
      if (frame[0] === FrameType.DATA) frames.push(frame);
    }
    return { frames, barrierQueued: false };
  }

  /** Gives the sender its credit back once the task is done with a frame. */
  returnCredit(): void {
    if (!this.finished) this.port.postMessage(1);
  }

  get bound(): number {
    return this.credits;
  }

  close(): void {
    this.port.removeAllListeners('message');
    this.port.close();
  }
}

/**
 * All input channels of a task (every producer subtask of every input edge), read round robin so that no channel
 * starves the others.
 */
export class InputGate {
  private next = 0;
  private open: number;
  private withData: number;

  constructor(readonly channels: readonly InputChannel[]) {
    this.open = channels.length;
    this.withData = channels.length;
  }

  /** Whether some channel holds an urgent barrier. */
  get hasUrgent(): boolean {
    for (const channel of this.channels) if (channel.urgent.length > 0) return true;
    return false;
  }

  /** An urgent barrier (unaligned), taken ahead of the frames queued before it, or undefined. */
  pollUrgent(): PolledFrame | undefined {
    for (const channel of this.channels) {
      if (channel.urgent.length === 0) continue;
      const taken = channel.takeUrgent();
      if (taken !== undefined) return taken;
    }
    return undefined;
  }

  /**
   * The next frame and its channel, or undefined when no channel has one queued. Urgent barriers come first; then,
   * round robin, a channel's restored frames before its queue.
   */
  poll(): PolledFrame | undefined {
    const urgent = this.pollUrgent();
    if (urgent !== undefined) return urgent;
    const n = this.channels.length;
    for (let i = 0; i < n; i++) {
      const channel = this.channels[(this.next + i) % n]!;
      if (channel.violation !== undefined) throw channel.violation;
      if (channel.blocked) continue;
      const restored = channel.replay.shift();
      if (restored !== undefined) {
        this.next = (this.next + i + 1) % n;
        return { channel, frame: restored, credit: false };
      }
      const frame = channel.shiftQueued();
      if (frame !== undefined) {
        this.next = (this.next + i + 1) % n;
        if (frame[0] === FrameType.END_OF_PARTITION || frame[0] === FrameType.END_OF_DATA) {
          if (!channel.dataEnded) this.withData--;
          channel.dataEnded = true;
        }
        if (frame[0] === FrameType.END_OF_PARTITION) {
          channel.finished = true;
          this.open--;
          channel.close();
        }
        return { channel, frame, credit: frame[0] !== FrameType.PRIORITY_BARRIER };
      }
    }
    return undefined;
  }

  unblockAll(): void {
    for (const channel of this.channels) channel.blocked = false;
  }

  /** True once every channel delivered its end of partition. */
  get isFinished(): boolean {
    return this.open === 0;
  }

  /** True once every channel delivered its end of data (or of partition): no record will come any more. */
  get isDataEnded(): boolean {
    return this.withData === 0;
  }

  close(): void {
    for (const channel of this.channels) channel.close();
  }
}
