// What a benchmark's output must match: how many records came out and an order-independent checksum of them, so that
// a job run (whose subtasks emit in any interleaving) can be checked against a plain loop over the same input.

export interface Tally {
  outputs: number;
  /** Sum of the outputs' 32-bit hashes, modulo 2^32: independent of order and of how subtasks split the output. */
  checksum: number;
}

export const emptyTally = (): Tally => ({ outputs: 0, checksum: 0 });

export function addToTally(tally: Tally, hash: number): void {
  tally.outputs++;
  tally.checksum = (tally.checksum + hash) >>> 0;
}

export function combineTallies(tallies: readonly Tally[]): Tally {
  const total = emptyTally();
  for (const t of tallies) {
    total.outputs += t.outputs;
    total.checksum = (total.checksum + t.checksum) >>> 0;
  }
  return total;
}

/** Folds one number into a 32-bit hash: integers up to 2^53 exactly (both halves), others by their value x 1000. */
export function hashStep(hash: number, value: number): number {
  const v = Number.isInteger(value) ? value : Math.round(value * 1_000);
  const low = v >>> 0;
  const high = Math.floor(v / 4_294_967_296) >>> 0;
  let h = Math.imul(hash ^ low, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ high, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function hashOf(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) h = hashStep(h, v);
  return h;
}
