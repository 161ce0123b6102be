// Throughput while a checkpoint is in flight vs while none is (scenario 2's second goal), from the metrics samples.
// Each interval between two consecutive samples after the warm-up is classed by how much of it some checkpoint was
// in flight (from its trigger to its completion or failure):
//   during   at least half of the interval;
//   without  none of it;
// the intervals in between are left out. Each class's rate is its records over its time (source records out, on
// the job's clock), and the ratio is during / without: 1 means checkpoints cost no throughput.
import type { CheckpointStats } from '@dhara/runtime';
import type { ThroughputSample } from './runScenario.ts';

export interface ThroughputDuringCheckpoints {
  /** Records/s in the intervals with a checkpoint in flight (NaN when there was none). */
  readonly duringPerSecond: number;
  /** Records/s in the intervals without one (NaN when there was none). */
  readonly withoutPerSecond: number;
  readonly ratio: number;
  /** How many sample intervals fell in each class. */
  readonly duringIntervals: number;
  readonly withoutIntervals: number;
}

export function throughputDuringCheckpoints(
  samples: readonly ThroughputSample[],
  checkpoints: readonly CheckpointStats[],
  submittedAt: number,
  warmupMs: number,
): ThroughputDuringCheckpoints {
  const spans = checkpoints
    .filter((c) => c.endToEndDurationMs !== undefined)
    .map((c) => [c.triggerTimestamp, c.triggerTimestamp + (c.endToEndDurationMs ?? 0)] as const);
  const firstTrigger = checkpoints[0]?.triggerTimestamp ?? submittedAt;
  const classes = { during: { records: 0, ms: 0, n: 0 }, without: { records: 0, ms: 0, n: 0 } };
  for (let i = 1; i < samples.length; i++) {
    const previous = samples[i - 1]!;
    const current = samples[i]!;
    const from = submittedAt + previous.sinceSubmitMs;
    const to = submittedAt + current.sinceSubmitMs;
    const jobMs = current.elapsedMs - previous.elapsedMs;
    if (from - firstTrigger < warmupMs || to <= from || jobMs <= 0) continue;
    const covered = coveredMs(spans, from, to);
    const target = covered === 0 ? classes.without : covered >= (to - from) / 2 ? classes.during : undefined;
    if (target === undefined) continue;
    target.records += current.sourceRecordsOut - previous.sourceRecordsOut;
    target.ms += jobMs;
    target.n++;
  }
  const rate = (c: { records: number; ms: number }) => (c.ms > 0 ? (c.records * 1_000) / c.ms : Number.NaN);
  const duringPerSecond = rate(classes.during);
  const withoutPerSecond = rate(classes.without);
  return {
    duringPerSecond,
    withoutPerSecond,
    ratio: duringPerSecond / withoutPerSecond,
    duringIntervals: classes.during.n,
    withoutIntervals: classes.without.n,
  };
}

/** How much of [from, to) the union of `spans` covers. */
function coveredMs(spans: readonly (readonly [number, number])[], from: number, to: number): number {
  const clipped = spans
    .map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = from;
  for (const [a, b] of clipped) {
    const start = Math.max(a, end);
    if (b > start) total += b - start;
    end = Math.max(end, b);
  }
  return total;
}
