import { InvalidArgumentError } from '../errors/index.ts';
import type { StreamConfiguration } from '../model/index.ts';
import { type KeyRange, overlaps, type SegmentWithRange, segmentId, segmentName, tiles } from '../model/index.ts';
import { Segment } from '../segmentstore/index.ts';

/** A stream's controller-side state: its segments across all epochs and which are active now. */
export class StreamMetadata {
  sealed = false;
  epoch = 0;
  private nextNumber = 0;
  readonly segments = new Map<number, Segment>();
  /** Active segment ids of the current epoch, sorted by key range. */
  active: number[] = [];
  /** Segment ids of every epoch (for transactions begun in an older epoch). */
  readonly epochs: number[][] = [];
  /** The head after truncation (segment -> offset); empty = the first epoch at offset 0. */
  head = new Map<number, number>();
  /** Events per sampling window, used by the event-rate policy. */
  lastScaleAt = 0;

  constructor(
    readonly scope: string,
    readonly name: string,
    readonly config: StreamConfiguration,
    initialRanges: readonly KeyRange[],
  ) {
    const ids = initialRanges.map((r) => this.newSegment(0, r).id);
    this.active = ids;
    this.epochs.push(ids);
    for (const id of ids) this.head.set(id, 0);
  }

  private newSegment(epoch: number, range: KeyRange): Segment {
    const id = segmentId(epoch, this.nextNumber++);
    const seg = new Segment(id, segmentName(this.scope, this.name, id), { low: range.low, high: range.high });
    this.segments.set(id, seg);
    return seg;
  }

  activeWithRanges(): SegmentWithRange[] {
    return this.active.map((id) => {
      const s = this.segments.get(id)!;
      return { id, low: s.range.low, high: s.range.high };
    });
  }

  /** Throws unless `sealed` are active segments whose ranges `ranges` tile exactly. */
  validateScale(sealed: readonly number[], ranges: readonly KeyRange[]): void {
    const what = `scale of ${this.scope}/${this.name}`;
    if (sealed.length === 0 || ranges.length === 0)
      throw new InvalidArgumentError(`${what}: nothing to seal or create`);
    if (new Set(sealed).size !== sealed.length) throw new InvalidArgumentError(`${what}: a segment is listed twice`);
    const old: KeyRange[] = [];
    for (const id of sealed) {
      if (!this.active.includes(id)) throw new InvalidArgumentError(`${what}: segment ${id} is not active`);
      old.push(this.segments.get(id)!.range);
    }
    const low = Math.min(...old.map((r) => r.low));
    const high = Math.max(...old.map((r) => r.high));
    if (!tiles(old, low, high)) throw new InvalidArgumentError(`${what}: sealed segments are not adjacent`);
    for (const r of ranges) {
      if (!(typeof r.low === 'number' && typeof r.high === 'number'))
        throw new InvalidArgumentError(`${what}: bad range`);
    }
    if (!tiles(ranges, low, high)) {
      throw new InvalidArgumentError(`${what}: new ranges must exactly cover [${low}, ${high})`);
    }
  }

  /** Seal `sealed`, create successors for `ranges` in a new epoch. Returns the new segments. */
  applyScale(sealed: readonly number[], ranges: readonly KeyRange[]): Segment[] {
    this.epoch++;
    const created = [...ranges].sort((a, b) => a.low - b.low).map((r) => this.newSegment(this.epoch, r));
    for (const id of sealed) {
      const old = this.segments.get(id)!;
      old.sealed = true;
      for (const s of created) {
        if (overlaps(old.range, s.range)) {
          old.successors.push(s.id);
          s.predecessors.push(old.id);
        }
      }
    }
    const sealedSet = new Set(sealed);
    this.active = [...this.active.filter((id) => !sealedSet.has(id)), ...created.map((s) => s.id)].sort(
      (a, b) => this.segments.get(a)!.range.low - this.segments.get(b)!.range.low,
    );
    this.epochs.push([...this.active]);
    return created;
  }

  /** Every segment reachable from `ids` through successors (not including `ids`). */
  descendantsOf(ids: Iterable<number>): Set<number> {
    const out = new Set<number>();
    const stack = [...ids];
    while (stack.length > 0) {
      const s = this.segments.get(stack.pop()!);
      for (const n of s?.successors ?? []) {
        if (!out.has(n)) {
          out.add(n);
          stack.push(n);
        }
      }
    }
    return out;
  }

  ancestorsOf(ids: Iterable<number>): Set<number> {
    const out = new Set<number>();
    const stack = [...ids];
    while (stack.length > 0) {
      const s = this.segments.get(stack.pop()!);
      for (const n of s?.predecessors ?? []) {
        if (!out.has(n)) {
          out.add(n);
          stack.push(n);
        }
      }
    }
    return out;
  }

  /** Per-segment [start, end) between two cuts (null = head / durable tail), for batch reads. */
  segmentsBetween(
    from: ReadonlyMap<number, number> | null,
    to: ReadonlyMap<number, number> | null,
  ): { segment: number; startOffset: number; endOffset: number }[] {
    const start = from ?? this.head;
    const beyond = to ? this.descendantsOf(to.keys()) : new Set<number>();
    const out: { segment: number; startOffset: number; endOffset: number }[] = [];
    const seen = new Set<number>();
    const queue = [...start.keys()];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id) || beyond.has(id)) continue;
      seen.add(id);
      const seg = this.segments.get(id);
      if (!seg) continue;
      const startOffset = Math.max(start.get(id) ?? 0, seg.startOffset);
      const endOffset = to?.get(id) ?? seg.durableLength;
      if (endOffset > startOffset) out.push({ segment: id, startOffset, endOffset });
      if (!to?.has(id)) queue.push(...seg.successors);
    }
    return out;
  }
}
