import { EVENT_HEADER_BYTES, EVENT_TYPE } from '../../model/index.ts';
import type { AckGroup } from './AckGroup.ts';

/** Framed events on their way to one segment, sent as one append. */
export class Block {
  buf: Buffer;
  used = 0;
  readonly points: number[] = [];
  readonly groups: AckGroup[] = [];
  /** Event number of the last event, assigned when first sent (kept for resends). */
  lastEventNumber = -1;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  get count(): number {
    return this.points.length;
  }

  add(point: number, payload: Uint8Array, group: AckGroup): void {
    const need = this.used + EVENT_HEADER_BYTES + payload.byteLength;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.buf.writeInt32BE(EVENT_TYPE, this.used);
    this.buf.writeInt32BE(payload.byteLength, this.used + 4);
    this.buf.set(payload, this.used + EVENT_HEADER_BYTES);
    this.used = need;
    this.points.push(point);
    this.groups.push(group);
  }

  get data(): Buffer {
    return this.buf.subarray(0, this.used);
  }

  /** Each event's routing point, payload and ack group (for re-routing after a seal). */
  *events(): Generator<[number, Uint8Array, AckGroup]> {
    let at = 0;
    for (let i = 0; i < this.points.length; i++) {
      const len = this.buf.readInt32BE(at + 4);
      yield [
        this.points[i]!,
        this.buf.subarray(at + EVENT_HEADER_BYTES, at + EVENT_HEADER_BYTES + len),
        this.groups[i]!,
      ];
      at += EVENT_HEADER_BYTES + len;
    }
  }
}
