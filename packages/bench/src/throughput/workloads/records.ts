// The benchmark's records and per-record work, shared by the jobs and the in-process baselines so that both do
// exactly the same thing. Records follow bench-anchors' method: { key, value, ts }, key uniform in [0, 10 000),
// value in [0, 10^6), ts epoch milliseconds (a heap number, not a small integer).
import { hashOf } from './checksum.ts';

export interface BenchRecord {
  readonly key: number;
  readonly value: number;
  readonly ts: number;
}

/** 2025-01-01T00:00:00Z. */
const T0 = 1_735_689_600_000;
const KEY_CARDINALITY = 10_000;

/** The environment variable that sizes the benchmark jobs (the workers read it in `build`). */
export const RECORDS_ENV = 'DHARA_BENCH_RECORDS';

export function recordCount(): number {
  const n = Number(process.env[RECORDS_ENV] ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${RECORDS_ENV} must be a positive integer, got ${n}`);
  return n;
}

/** A murmur3-style finaliser: record i's pseudo-random bits, the same in every thread (the source replays by index). */
function mix(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function recordAt(i: number): BenchRecord {
  const bits = mix(i);
  return { key: bits % KEY_CARDINALITY, value: mix(bits) % 1_000_000, ts: T0 + i };
}

/** The map step: a new record, as a typical map does. */
export function scale(r: BenchRecord): BenchRecord {
  return { key: r.key, value: r.value * 2, ts: r.ts };
}

/** The filter step: keeps about two thirds. */
export function keep(r: BenchRecord): boolean {
  return r.value % 3 !== 0;
}

/** The keyed reduce: a running sum per key, stamped with the latest time. */
export function sum(a: BenchRecord, b: BenchRecord): BenchRecord {
  return { key: a.key, value: a.value + b.value, ts: b.ts };
}

// Output hashes for the bench's checks (checksum.ts).
export const hashRecord = (r: BenchRecord): number => hashOf(r.key, r.value, r.ts);
/** A keyed reduce's result: its time is the latest record's, which depends on arrival order, so it is left out. */
export const hashKeyValue = (r: BenchRecord): number => hashOf(r.key, r.value);
