import type { SegmentWithRange } from '../../model/index.ts';

/** Key space -> segment, as a writer sees it: sorted ranges, updated piecewise as segments seal. */
export class RoutingTable {
  private lows: number[] = [];
  private ids: number[] = [];

  constructor(segments: readonly SegmentWithRange[]) {
    this.set(segments.map((s) => ({ ...s })));
  }

  private entries: SegmentWithRange[] = [];

  private set(entries: SegmentWithRange[]): void {
    this.entries = entries.sort((a, b) => a.low - b.low);
    this.lows = this.entries.map((e) => e.low);
    this.ids = this.entries.map((e) => e.id);
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  segmentFor(point: number): number {
    const lows = this.lows;
    let lo = 0;
    let hi = lows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lows[mid]! <= point) lo = mid;
      else hi = mid - 1;
    }
    return this.ids[lo]!;
  }

  /**
   * Replace the parts of the table owned by `sealed` with the currently active segments overlapping them
   * (Pravega replaces only the sealed segment's range, so other keys keep their order until their own segment
   * reports sealed).
   */
  replace(sealed: number, active: readonly SegmentWithRange[]): void {
    const out: SegmentWithRange[] = [];
    for (const e of this.entries) {
      if (e.id !== sealed) {
        out.push(e);
        continue;
      }
      for (const a of active) {
        const low = Math.max(a.low, e.low);
        const high = Math.min(a.high, e.high);
        if (low < high) out.push({ id: a.id, low, high });
      }
    }
    this.set(out);
  }
}
