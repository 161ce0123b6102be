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
} as const;
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
}
