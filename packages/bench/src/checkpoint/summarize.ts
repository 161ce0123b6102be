// From a scenario's raw run to its figures: the end-to-end distribution (HDR), the per-phase medians, bytes,
// counts and records/s, leaving out the warm-up (a cold chain's first checkpoints are much slower).
import type { CheckpointStats } from '@dhara/runtime';
import { type ThroughputDuringCheckpoints, throughputDuringCheckpoints } from './checkpointThroughput.ts';
import { median, type Percentiles, percentiles } from './histogram.ts';
import type { RecoveryFigures } from './recoveryProbe.ts';
import type { ScenarioRun, ThroughputSample } from './runScenario.ts';

export interface CheckpointFigures {
  readonly completed: number;
  readonly failed: number;
  /** Checkpoints triggered within the warm-up of the first trigger, left out of every figure. */
  readonly warmupSkipped: number;
  readonly endToEndMs: Percentiles;
  /**
   * Per checkpoint the slowest task's value (the critical path, as Flink's summary shows the max over subtasks), then
   * the median over checkpoints.
   */
  readonly medianMs: {
    readonly alignment: number;
    readonly sync: number;
    readonly async: number;
    readonly startDelay: number;
  };
  /** Bytes written per checkpoint (state files, in-flight data included), median, and over the whole run. */
  readonly stateBytesMedian: number;
  readonly inFlightBytesMedian: number;
  readonly bytesPersistedTotal: number;
  /** Share of completed checkpoints in which some task went unaligned. */
  readonly unalignedShare: number;
  readonly recordsPerSecond: number;
  /** Source records/s while a checkpoint is in flight vs while none is (see checkpointThroughput.ts). */
  readonly throughputDuringCheckpoints: ThroughputDuringCheckpoints;
  /** Scenario 5: per kill, the time to the first record after the restore and to caught up; null elsewhere. */
  readonly recovery: RecoveryFigures | null;
  /** Every measured checkpoint, for charts: seconds since submit, duration, and whether it went unaligned. */
  readonly series: readonly { id: number; atS: number; ms: number; unaligned: boolean }[];
  /** Source records/s between consecutive metrics samples over the whole run (warm-up included), for charts. */
  readonly throughputSeries: readonly { atS: number; recordsPerSecond: number }[];
  readonly failures: readonly string[];
}

const slowest = (s: CheckpointStats, f: (t: CheckpointStats['tasks'][number]) => number): number =>
  s.tasks.reduce((m, t) => Math.max(m, f(t)), 0);

/** Source records/s between the first and the last metrics sample after the warm-up (job time). */
function recordsPerSecond(samples: readonly ThroughputSample[], warmupMs: number): number {
  const after = samples.filter((s) => s.elapsedMs >= warmupMs);
  const window = after.length >= 2 ? after : samples;
  const first = window[0];
  const last = window.at(-1);
  if (first === undefined || last === undefined || last.elapsedMs <= first.elapsedMs) return Number.NaN;
  return ((last.sourceRecordsOut - first.sourceRecordsOut) * 1_000) / (last.elapsedMs - first.elapsedMs);
}

/** Records/s over each interval between two metrics samples, placed at the interval's end (wall time since submit). */
function throughputSeries(samples: readonly ThroughputSample[]): CheckpointFigures['throughputSeries'] {
  const series: { atS: number; recordsPerSecond: number }[] = [];
  for (let i = 1; i < samples.length; i++) {
    const previous = samples[i - 1]!;
    const current = samples[i]!;
    // The rate on the job's clock (when the samples were taken), the position on the checkpoints' clock.
    const ms = current.elapsedMs - previous.elapsedMs;
    if (ms <= 0) continue;
    const records = current.sourceRecordsOut - previous.sourceRecordsOut;
    series.push({ atS: current.sinceSubmitMs / 1_000, recordsPerSecond: Math.round((records * 1_000) / ms) });
  }
  return series;
}

export function summarize(run: ScenarioRun, warmupMs: number): CheckpointFigures {
  // The warm-up counts from the first trigger: deployment (workers importing the job) comes before it.
  const firstTrigger = run.checkpoints[0]?.triggerTimestamp ?? run.submittedAt;
  const measured = run.checkpoints.filter((s) => s.triggerTimestamp - firstTrigger >= warmupMs);
  const completed = measured.filter((s) => s.status === 'COMPLETED');
  const failed = measured.filter((s) => s.status === 'FAILED');
  return {
    completed: completed.length,
    failed: failed.length,
    warmupSkipped: run.checkpoints.length - measured.length,
    endToEndMs: percentiles(completed.map((s) => s.endToEndDurationMs ?? 0)),
    medianMs: {
      alignment: median(completed.map((s) => slowest(s, (t) => t.alignmentDurationMs))),
      sync: median(completed.map((s) => slowest(s, (t) => t.syncDurationMs))),
      async: median(completed.map((s) => slowest(s, (t) => t.asyncDurationMs))),
      startDelay: median(completed.map((s) => slowest(s, (t) => t.startDelayMs))),
    },
    stateBytesMedian: median(completed.map((s) => s.stateBytes)),
    inFlightBytesMedian: median(completed.map((s) => s.inFlightBytes)),
    bytesPersistedTotal: completed.reduce((n, s) => n + s.stateBytes, 0),
    unalignedShare:
      completed.length === 0 ? 0 : completed.filter((s) => s.tasks.some((t) => t.unaligned)).length / completed.length,
    recordsPerSecond: recordsPerSecond(run.throughput, warmupMs),
    throughputDuringCheckpoints: throughputDuringCheckpoints(
      run.throughput,
      run.checkpoints,
      run.submittedAt,
      warmupMs,
    ),
    recovery: run.recovery ?? null,
    series: completed.map((s) => ({
      id: s.id,
      atS: (s.triggerTimestamp - run.submittedAt) / 1_000,
      ms: s.endToEndDurationMs ?? 0,
      unaligned: s.tasks.some((t) => t.unaligned),
    })),
    failures: [...new Set(failed.map((s) => s.failureReason ?? 'unknown'))].slice(0, 5),
    throughputSeries: throughputSeries(run.throughput),
  };
}
