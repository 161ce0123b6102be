// Deterministic out-of-order events for event-time tests: the same list in every thread.

export interface Event {
  key: string;
  ts: number;
  value: number;
}

export const EVENT_COUNT = 20_000;
/** Events are shuffled within blocks of this many, so no event is more than this many positions out of order. */
const SHUFFLE_BLOCK = 64;
const STEP_MS = 7;
/** An event is at most this much older than any event before it: the watermark bound that makes nothing late. */
export const MAX_OUT_OF_ORDERNESS_MS = SHUFFLE_BLOCK * STEP_MS;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    s = (s ^ (s >>> 13)) >>> 0;
    return s / 4294967296;
  };
}

/** Bursts of 30 events per key (sessions), 20 keys, 7 ms apart, shuffled within blocks. */
export const EVENTS: readonly Event[] = (() => {
  const next = random(42);
  const ordered: Event[] = Array.from({ length: EVENT_COUNT }, (_, i) => ({
    key: `k${Math.floor(i / 30) % 20}`,
    ts: 1_000_000 + i * STEP_MS,
    value: Math.floor(next() * 100),
  }));
  for (let start = 0; start < ordered.length; start += SHUFFLE_BLOCK) {
    const end = Math.min(start + SHUFFLE_BLOCK, ordered.length);
    for (let i = end - 1; i > start; i--) {
      const j = start + Math.floor(next() * (i - start + 1));
      [ordered[i], ordered[j]] = [ordered[j]!, ordered[i]!];
    }
  }
  return ordered;
})();

export interface WindowResult {
  key: string;
  start: number;
  end: number;
  count: number;
  sum: number;
}
