import type { KeyRange } from '../model/index.ts';

/** A run of segment bytes stored contiguously in the journal file. */
export interface Extent {
  readonly segmentOffset: number;
  readonly filePosition: number;
  readonly length: number;
}

/**
 * One segment's state. `length` counts every accepted append (durable or not, used to validate and order);
 * `durableLength` only what is on disk, and only that is readable. Data lives in the journal, indexed by extents.
 */
export class Segment {
  length = 0;
  durableLength = 0;
  /** Head after truncation: data below it is gone for readers. */
  startOffset = 0;
  sealed = false;
  sealedDurable = false;
  readonly extents: Extent[] = [];
  /** Writer id -> last event number stored: the idempotence attribute. */
  readonly writers = new Map<string, number>();
  readonly predecessors: number[] = [];
  readonly successors: number[] = [];
  /** Readers long-polling at the tail. */
  private waiters: (() => void)[] = [];
  /** Events appended since the scaling policy last looked. */
  eventsSinceSample = 0;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly range: KeyRange,
  ) {}

  /** Index `bytes` of data that sit at `filePosition` as the segment's next bytes. */
  addExtent(filePosition: number, bytes: number): void {
    if (bytes === 0) return;
    this.extents.push({ segmentOffset: this.length, filePosition, length: bytes });
    this.length += bytes;
  }

  /** Move durable marks forward and wake long-polling readers. */
  markDurable(length: number, sealed: boolean): void {
    if (length > this.durableLength) this.durableLength = length;
    if (sealed) this.sealedDurable = true;
    const w = this.waiters;
    if (w.length > 0) {
      this.waiters = [];
      for (const f of w) f();
    }
  }

  /** Resolve when new durable data or a seal arrives, or after `ms`. */
  waitForData(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(wake);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      }, ms);
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
  }

  /** Extents covering [from, to), clipped; `from` must be < durableLength. */
  slices(from: number, to: number): { filePosition: number; length: number }[] {
    const out: { filePosition: number; length: number }[] = [];
    let lo = 0;
    let hi = this.extents.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.extents[mid]!.segmentOffset <= from) lo = mid;
      else hi = mid - 1;
    }
    let at = from;
    for (let i = lo; i < this.extents.length && at < to; i++) {
      const e = this.extents[i]!;
      const skip = at - e.segmentOffset;
      const take = Math.min(e.length - skip, to - at);
      if (take <= 0) continue;
      out.push({ filePosition: e.filePosition + skip, length: take });
      at += take;
    }
    return out;
  }
}
