import type { MessagePort } from 'node:worker_threads';
import { type FrameCodec, FrameType } from './frames.ts';

/**
 * The sending end of one channel (producer subtask -> consumer subtask). Records collect into a batch; full batches
 * are encoded into frames and sent while the receiver has granted credit (one credit = one frame it can buffer).
 * Frames without credit wait in the backlog; the task stops taking input while any channel's backlog is full.
 */
export class OutputChannel {
  private values: unknown[] = [];
  private timestamps: (number | null)[] | null = null;
  private readonly backlog: Uint8Array[] = [];
  private credits: number;
  private oldestUnsentAt = 0;
  /** The largest backlog seen: the runtime's own evidence that buffering stayed bounded. */
  maxBacklogSeen = 0;
  framesSent = 0;
  bytesSent = 0;

  constructor(
    private readonly port: MessagePort,
    private readonly codec: FrameCodec,
    private readonly batchSize: number,
    initialCredits: number,
    private readonly onCredit: () => void,
    /** The task's notion of now, updated once per step rather than read per record. */
    private readonly time: { readonly now: number },
  ) {
    this.credits = initialCredits;
    port.on('message', (granted: number) => {
      this.credits += granted;
      this.trySend();
      this.onCredit();
    });
  }

  push(value: unknown, timestamp: number | undefined): void {
    if (this.values.length === 0) this.oldestUnsentAt = this.time.now;
    if (timestamp !== undefined && this.timestamps === null) {
      this.timestamps = new Array<number | null>(this.values.length).fill(null);
    }
    this.values.push(value);
    this.timestamps?.push(timestamp ?? null);
    if (this.values.length >= this.batchSize) this.sealBatch();
  }

  /** Sends the partly filled batch if it has waited longer than `maxAgeMs`. */
  flushIfOlderThan(maxAgeMs: number, now: number): void {
    if (this.values.length > 0 && now - this.oldestUnsentAt >= maxAgeMs) this.sealBatch();
  }

  /** Ends the current batch: encodes it into a frame and sends it if credit allows. */
  sealBatch(): void {
    if (this.values.length === 0) return;
    const frame = this.codec.encodeData(this.values, this.timestamps);
    this.values = [];
    this.timestamps = null;
    this.enqueue(frame);
  }

  /** Sends an event frame after every record pushed before it. */
  sendEvent(frame: Uint8Array): void {
    this.sealBatch();
    this.enqueue(frame);
  }

  /**
   * Sends a priority event (an unaligned barrier) at once, ahead of the backlog and without credit (the receiver
   * accepts it beyond its credit). Returns copies of the data frames it overtook — the partly filled batch sealed
   * first — which stay in the backlog and go out after it: the channel's output state for the checkpoint.
   */
  sendPriorityEvent(frame: Uint8Array): Uint8Array[] {
    this.sealBatch();
    const overtaken = this.backlog.filter((f) => f[0] === FrameType.DATA).map((f) => f.slice());
    this.framesSent++;
    this.bytesSent += frame.byteLength;
    this.port.postMessage(frame, [frame.buffer as ArrayBuffer]);
    return overtaken;
  }

  /** Restored output channel state: these frames go out before anything the task emits. */
  restore(frames: readonly Uint8Array[]): void {
    // Copies in their own buffers: a decoded state file's frames share its buffer, and sending transfers it.
    this.backlog.unshift(...frames.map((f) => new Uint8Array(f)));
    if (this.backlog.length > this.maxBacklogSeen) this.maxBacklogSeen = this.backlog.length;
    this.trySend();
  }

  get backlogSize(): number {
    return this.backlog.length;
  }

  get hasUnsentRecords(): boolean {
    return this.values.length > 0;
  }

  close(): void {
    this.port.removeAllListeners('message');
    this.port.close();
  }

  private enqueue(frame: Uint8Array): void {
    this.backlog.push(frame);
    if (this.backlog.length > this.maxBacklogSeen) this.maxBacklogSeen = this.backlog.length;
    this.trySend();
  }

  private trySend(): void {
    while (this.credits > 0 && this.backlog.length > 0) {
      const frame = this.backlog.shift()!;
      this.credits--;
      this.framesSent++;
      this.bytesSent += frame.byteLength;
      this.port.postMessage(frame, [frame.buffer as ArrayBuffer]);
    }
  }
}
