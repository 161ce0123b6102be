/** A half-open range [low, high) of the key space [0, 1). */
export interface KeyRange {
  readonly low: number;
  readonly high: number;
}

/** A segment with the key range it owns. */
export interface SegmentWithRange extends KeyRange {
  readonly id: number;
}

export function overlaps(a: KeyRange, b: KeyRange): boolean {
  return a.low < b.high && b.low < a.high;
}

export function contains(r: KeyRange, point: number): boolean {
  return point >= r.low && point < r.high;
}

/** Sorted ranges that tile [low, high) with no gap or overlap. */
export function tiles(ranges: readonly KeyRange[], low: number, high: number): boolean {
  const sorted = [...ranges].sort((x, y) => x.low - y.low);
  let at = low;
  for (const r of sorted) {
    if (r.low !== at || r.high <= r.low) return false;
    at = r.high;
  }
  return at === high;
}

/** Split [0, 1) into n equal ranges (the last ends exactly at 1). */
export function evenRanges(n: number): KeyRange[] {
  const out: KeyRange[] = [];
  for (let i = 0; i < n; i++) out.push({ low: i / n, high: i === n - 1 ? 1 : (i + 1) / n });
  return out;
}
