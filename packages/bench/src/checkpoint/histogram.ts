// Percentiles of millisecond durations through an HDR histogram (hdr-histogram-js), recorded in microseconds with
// 3 significant digits: 0.1 % relative error, up to an hour.
import { build } from 'hdr-histogram-js';

export interface Percentiles {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

const HOUR_US = 3_600_000_000;

/** The distribution of `valuesMs` (milliseconds); every field is NaN when there are none. */
export function percentiles(valuesMs: readonly number[]): Percentiles {
  if (valuesMs.length === 0) {
    const n = Number.NaN;
    return { count: 0, min: n, p50: n, p90: n, p99: n, p999: n, max: n, mean: n };
  }
  const histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HOUR_US,
    numberOfSignificantValueDigits: 3,
  });
  try {
    for (const ms of valuesMs) histogram.recordValue(Math.min(HOUR_US, Math.max(1, Math.round(ms * 1_000))));
    // A percentile is its bucket's highest equivalent value, which may exceed the largest value recorded: clamp.
    const at = (p: number): number => Math.min(histogram.getValueAtPercentile(p), histogram.maxValue) / 1_000;
    return {
      count: valuesMs.length,
      min: histogram.minNonZeroValue / 1_000,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p999: at(99.9),
      max: histogram.maxValue / 1_000,
      mean: histogram.mean / 1_000,
    };
  } finally {
    histogram.destroy();
  }
}

/** The median of `values` (exact; for the per-task breakdowns), NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
