import type { Segment } from '../segmentstore/index.ts';

/** [segment, length, sealed] as they were right after a record applied: what becomes readable when it is durable. */
export type Touched = [Segment, number, boolean][];

/** Once a record is durable: move the durable marks of what it touched (this wakes readers long-polling there). */
export function markDurable(touched: Touched): void {
  for (const [s, len, sealed] of touched) s.markDurable(len, sealed);
}
