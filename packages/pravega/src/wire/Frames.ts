import { Packr } from 'msgpackr';

// Wire format between client and server: every frame is a u32 big-endian length followed by that many bytes of
// msgpack. Requests are [id, op, args]; answers are [id, 0, result] or [id, 1, {code, message}]. Answers may come
// out of order; the id pairs them.
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;

const packr = new Packr({ useRecords: false, moreTypes: false });

export type Request = [id: number, op: string, args: Record<string, unknown>];
export type Answer = [id: number, status: 0, result: unknown] | [id: number, status: 1, error: WireError];
export interface WireError {
  readonly code: string;
  readonly message: string;
}

export function encodeFrame(value: unknown): Buffer {
  const body = packr.pack(value);
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

export function decodeBody(body: Uint8Array): unknown {
  return packr.unpack(body);
}

/** Reassembles frames from socket chunks. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Feed a chunk; returns whole frame bodies, or throws when a length prefix is out of bounds. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.chunks.length === 1 ? this.chunks[0]! : this.merge();
      const length = head.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) throw new RangeError(`frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
      if (this.buffered < 4 + length) break;
      const all = this.chunks.length === 1 ? this.chunks[0]! : this.merge();
      out.push(all.subarray(4, 4 + length));
      const rest = all.subarray(4 + length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return out;
  }

  private merge(): Buffer {
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all;
  }
}
