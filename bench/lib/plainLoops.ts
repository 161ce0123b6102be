// Baseline (a): the pipelines' work as plain loops in this thread, no engine.
import { type BenchRecord, keep, recordAt, scale, sum } from './records.ts';

/** generate -> map -> keyed reduce into a Map; returns a checksum so the work cannot be optimised away. */
export function keyedLoop(n: number): number {
  const state = new Map<number, BenchRecord>();
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    const r = scale(recordAt(i));
    const previous = state.get(r.key);
    const next = previous === undefined ? r : sum(previous, r);
    state.set(r.key, next);
    checksum = (checksum + next.value) % 1_000_000_007;
  }
  return checksum;
}

/** generate -> map -> filter; returns how many records passed. */
export function chainedLoop(n: number): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (keep(scale(recordAt(i)))) kept++;
  }
  return kept;
}
