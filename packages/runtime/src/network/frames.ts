import { Packr, Unpackr } from 'msgpackr';

/** The first byte of every frame on a data channel. */
export const FrameType = {
  /** A batch of records: msgpack of [values, timestamps | null]. */
  DATA: 1,
  /** No more records on this channel, ever. */
  END_OF_PARTITION: 2,
  /** Event time on this channel has reached the float64 that follows. */
  WATERMARK: 3,
  /** The channel went idle (1) or active again (0). */
  WATERMARK_STATUS: 4,
  /** A checkpoint barrier: msgpack of CheckpointBarrier. */
  CHECKPOINT_BARRIER: 5,
  /** An upstream task gave up a checkpoint: msgpack of its id. */
  CANCEL_CHECKPOINT: 6,
  /**
   * An unaligned checkpoint's barrier (msgpack of CheckpointBarrier), a priority event: sent ahead of the sender's
   * backlog without credit, and taken by the receiver ahead of the frames queued before it.
   */
  PRIORITY_BARRIER: 7,
  /**
   * No more records on this channel (checkpointing on): barriers still follow, up to the final checkpoint, and then
   * the end of partition (Flink's EndOfData).
   */
  END_OF_DATA: 8,
} as const;

/** A barrier frame, aligned or priority. */
export function isBarrierFrame(frame: Uint8Array): boolean {
  return frame[0] === FrameType.CHECKPOINT_BARRIER || frame[0] === FrameType.PRIORITY_BARRIER;
}

/** The barrier of a checkpoint or savepoint, injected by the sources and carried in band. */
export interface CheckpointBarrier {
  readonly checkpointId: number;
  /** When the coordinator triggered the checkpoint (ms since the epoch), for the start-delay statistic. */
  readonly timestamp: number;
  readonly kind: 'checkpoint' | 'savepoint';
}
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

/**
 * Encodes batches with msgpackr records (the structure of repeated object shapes is written once per batch, so every
 * batch decodes on its own). One codec per thread: msgpackr keeps per-instance buffers.
 */
export class FrameCodec {
  private readonly packr = new Packr({ useRecords: true });
  private readonly unpackr = new Unpackr({ useRecords: true });

  /** A data frame in its own ArrayBuffer, ready to be transferred. */
  encodeData(values: readonly unknown[], timestamps: readonly (number | null)[] | null): Uint8Array {
    const packed = this.packr.pack([values, timestamps]);
    const frame = new Uint8Array(packed.length + 1);
    frame[0] = FrameType.DATA;
    frame.set(packed, 1);
    return frame;
  }

  decodeData(frame: Uint8Array): [unknown[], (number | null)[] | null] {
    return this.unpackr.unpack(frame.subarray(1)) as [unknown[], (number | null)[] | null];
  }

  /** A frame carrying an event with no payload. */
  encodeEvent(type: FrameType): Uint8Array {
    return Uint8Array.of(type);
  }

  /** `priority`: an unaligned barrier, which overtakes in-flight data. */
  encodeBarrier(barrier: CheckpointBarrier, priority = false): Uint8Array {
    const type = priority ? FrameType.PRIORITY_BARRIER : FrameType.CHECKPOINT_BARRIER;
    return this.encodeControl(type, [barrier.checkpointId, barrier.timestamp, barrier.kind]);
  }

  decodeBarrier(frame: Uint8Array): CheckpointBarrier {
    const [checkpointId, timestamp, kind] = this.unpackr.unpack(frame.subarray(1)) as [
      number,
      number,
      CheckpointBarrier['kind'],
    ];
    return { checkpointId, timestamp, kind };
  }

  encodeCancelCheckpoint(checkpointId: number): Uint8Array {
    return this.encodeControl(FrameType.CANCEL_CHECKPOINT, checkpointId);
  }

  decodeCancelCheckpoint(frame: Uint8Array): number {
    return this.unpackr.unpack(frame.subarray(1)) as number;
  }

  encodeWatermark(watermark: number): Uint8Array {
    const frame = new Uint8Array(9);
    frame[0] = FrameType.WATERMARK;
    new DataView(frame.buffer).setFloat64(1, watermark);
    return frame;
  }

  decodeWatermark(frame: Uint8Array): number {
    return new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getFloat64(1);
  }

  encodeWatermarkStatus(idle: boolean): Uint8Array {
    return Uint8Array.of(FrameType.WATERMARK_STATUS, idle ? 1 : 0);
  }

  decodeWatermarkStatus(frame: Uint8Array): boolean {
    return frame[1] === 1;
  }

  private encodeControl(type: FrameType, payload: unknown): Uint8Array {
    const packed = this.packr.pack(payload);
    const frame = new Uint8Array(packed.length + 1);
    frame[0] = type;
    frame.set(packed, 1);
    return frame;
  }
}
