// Baseline (a): the pipelines' work as plain loops in this thread, no engine. Each returns the tally its job's sink
// must report (checksum.ts).
import { addToTally, emptyTally, type Tally } from './checksum.ts';
import { type BenchRecord, hashKeyValue, hashRecord, keep, recordAt, scale, sum } from './records.ts';

/** generate -> map -> keyed reduce into a Map: every record is an output; the checksum covers each key's last sum. */
export function keyedLoop(n: number): Tally {
  const state = new Map<number, BenchRecord>();
  for (let i = 0; i < n; i++) {
    const r = scale(recordAt(i));
    const previous = state.get(r.key);
    state.set(r.key, previous === undefined ? r : sum(previous, r));
  }
  const last = emptyTally();
  for (const r of state.values()) addToTally(last, hashKeyValue(r));
  return { outputs: n, checksum: last.checksum };
}

/** generate -> map -> filter. */
export function chainedLoop(n: number): Tally {
  const tally = emptyTally();
  for (let i = 0; i < n; i++) {
    const r = scale(recordAt(i));
    if (keep(r)) addToTally(tally, hashRecord(r));
  }
  return tally;
}
