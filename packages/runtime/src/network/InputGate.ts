import type { MessagePort } from 'node:worker_threads';
import { DharaError } from '@dhara/core';
import { FrameType } from './frames.ts';

/** A sender put more frames in flight than it had credit for: a bug in the network stack, never ignored. */
export class FlowControlError extends DharaError {
  constructor(channel: number, queued: number, credits: number) {
    super(
      'FLOW_CONTROL_VIOLATED',
      `input channel ${channel} holds ${queued} frames but granted only ${credits} credits`,
    );
  }
}

/** The receiving end of one channel: frames queue here (at most the granted credit) until the task takes them. */
export class InputChannel {
  readonly queue: Uint8Array[] = [];
  finished = false;
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
      this.queue.push(frame);
      if (this.queue.length > this.maxQueuedSeen) {
        this.maxQueuedSeen = this.queue.length;
        // Thrown from the task loop (see InputGate.poll), not from this listener, so the task fails cleanly.
        if (this.maxQueuedSeen > credits) this.violation = new FlowControlError(index, this.queue.length, credits);
      }
      onFrame();
    });
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

  constructor(readonly channels: readonly InputChannel[]) {
    this.open = channels.length;
  }

  /** The next frame and its channel, or undefined when no channel has one queued. */
  poll(): { channel: InputChannel; frame: Uint8Array } | undefined {
    const n = this.channels.length;
    for (let i = 0; i < n; i++) {
      const channel = this.channels[(this.next + i) % n]!;
      if (channel.violation !== undefined) throw channel.violation;
      if (channel.blocked) continue;
      const frame = channel.queue.shift();
      if (frame !== undefined) {
        this.next = (this.next + i + 1) % n;
        if (frame[0] === FrameType.END_OF_PARTITION) {
          channel.finished = true;
          this.open--;
          channel.close();
        }
        return { channel, frame };
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

  close(): void {
    for (const channel of this.channels) channel.close();
  }
}
