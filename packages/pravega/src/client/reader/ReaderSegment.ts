import { EVENT_HEADER_BYTES } from '../../model/index.ts';

/** A segment a reader owns: the offset of its next event and the bytes fetched ahead of it. */
export class ReaderSegment {
  /** Offset of the next event to return. */
  offset: number;
  /** Offset the next fetch starts at. */
  readOffset: number;
  endOfSegment = false;
  inflight: Promise<void> | undefined;
  dropped = false;
  private data: Uint8Array = new Uint8Array(0);
  private pos = 0;

  constructor(
    readonly key: string,
    readonly scope: string,
    readonly stream: string,
    readonly id: number,
    offset: number,
    readonly endOffset: number | undefined,
  ) {
    this.offset = offset;
    this.readOffset = offset;
  }

  get hasBuffered(): boolean {
    return this.pos < this.data.byteLength && !this.atEndBound;
  }

  get atEndBound(): boolean {
    return this.endOffset !== undefined && this.offset >= this.endOffset;
  }

  /** No more events will come from this segment. */
  get finished(): boolean {
    return (
      this.atEndBound || (this.endOfSegment && this.pos >= this.data.byteLength && this.readOffset === this.offset)
    );
  }

  get needsFetch(): boolean {
    return !this.hasBuffered && !this.finished && !this.inflight && !this.endOfSegment;
  }

  fill(data: Uint8Array, endOfSegment: boolean): void {
    this.data = data;
    this.pos = 0;
    this.readOffset += data.byteLength;
    this.endOfSegment = endOfSegment;
  }

  /** Next event's payload and the offset it started at. */
  next(): { payload: Uint8Array; start: number } {
    const view = new DataView(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    const len = view.getInt32(this.pos + 4);
    const start = this.offset;
    const payload = this.data.subarray(this.pos + EVENT_HEADER_BYTES, this.pos + EVENT_HEADER_BYTES + len);
    this.pos += EVENT_HEADER_BYTES + len;
    this.offset += EVENT_HEADER_BYTES + len;
    return { payload, start };
  }

  /** Forget fetched bytes and continue at `offset` (after a truncation). */
  resetTo(offset: number): void {
    this.data = new Uint8Array(0);
    this.pos = 0;
    this.offset = offset;
    this.readOffset = offset;
    this.endOfSegment = false;
  }
}
