// The text report of `dhara bench checkpoint`: a block per scenario, then one summary table across scenarios (the
// HTML report, report/, shows the same columns).
import { formatRate, formatTable } from '../output/index.ts';
import type { Percentiles } from './histogram.ts';
import { SUMMARY_COLUMNS } from './report/index.ts';
import type { CheckpointSuiteReport, ScenarioResult } from './suite.ts';

/** Rounded milliseconds as a number, so that the table right-aligns them (NaN when there was nothing to measure). */
const ms = (n: number): number => Number(n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0));
const times = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)}x` : '-');
const rate = formatRate;

function bytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
}

/** What `dhara bench checkpoint` prints once the suite ran: a block per scenario, the summary, what is not measured. */
export function checkpointTextReport(report: CheckpointSuiteReport): string {
  const parts = report.scenarios.map((scenario) => `\n${scenarioBlock(scenario)}`);
  parts.push(`\nsummary (floor = fsync commit + barrier ping, measured in this run):\n${summaryTable(report)}`);
  if (report.notDone.length > 0) parts.push(`\nnot measured yet: ${report.notDone.join('; ')}`);
  return parts.join('\n');
}

function scenarioBlock(r: ScenarioResult): string {
  const f = r.figures;
  const e = f.endToEndMs;
  const { fsync, barrier } = r.floors;
  const lines = [
    `== ${r.name}: ${r.description}`,
    `   task chains: ${r.taskChains.join(' | ')}; parallelism ${r.parallelism}`,
    formatTable(
      [
        'checkpoints',
        'completed',
        'failed',
        'warm-up',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'p99.9 ms',
        'max ms',
        'records/s',
      ],
      [
        [
          'end to end',
          f.completed,
          f.failed,
          f.warmupSkipped,
          ms(e.p50),
          ms(e.p90),
          ms(e.p99),
          ms(e.p999),
          ms(e.max),
          rate(f.recordsPerSecond),
        ],
      ],
    ),
    formatTable(
      [
        'medians (slowest task)',
        'alignment ms',
        'sync ms',
        'async ms',
        'start delay ms',
        'state',
        'in-flight',
        'persisted',
        'unaligned',
      ],
      [
        [
          'per checkpoint',
          ms(f.medianMs.alignment),
          ms(f.medianMs.sync),
          ms(f.medianMs.async),
          ms(f.medianMs.startDelay),
          bytes(f.stateBytesMedian),
          bytes(f.inFlightBytesMedian),
          bytes(f.bytesPersistedTotal),
          Math.round(f.unalignedShare * 100),
        ],
      ],
    ),
    `   floors: fsync commit of ${bytes(fsync.bytes)} ${ms(fsync.medianMs)} ms + barrier ${ms(barrier.medianMs)} ms ` +
      `(${barrier.method}) = ${ms(r.floors.totalMs)} ms; p50/floor ${times(r.floors.p50Ratio)}, p99/floor ${times(r.floors.p99Ratio)}`,
  ];
  const t = f.throughputDuringCheckpoints;
  if (comparable(t)) {
    lines.push(
      `   throughput: ${rate(t.duringPerSecond)}/s with a checkpoint in flight, ${rate(t.withoutPerSecond)}/s without ` +
        `(${percent(t.ratio)}; ${t.duringIntervals} and ${t.withoutIntervals} metrics intervals)`,
    );
  }
  if (f.recovery !== null) lines.push(recoveryTable(f.recovery));
  for (const reason of f.failures) lines.push(`   failed: ${reason}`);
  return lines.join('\n');
}

/** Enough metrics intervals with and without a checkpoint in flight to compare (short intervals have too few). */
const comparable = (t: ScenarioResult['figures']['throughputDuringCheckpoints']): boolean =>
  t.duringIntervals >= 3 && t.withoutIntervals >= 3;

const percent = (n: number): string => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '-');

/** Scenario 5: from each kill to the job noticing, running again, its first record, and caught up. */
function recoveryTable(r: NonNullable<ScenarioResult['figures']['recovery']>): string {
  const row = (name: string, p: Percentiles) => [name, p.count, ms(p.p50), ms(p.p90), ms(p.p99), ms(p.max)];
  return formatTable(
    [`recovery (${r.kills} kills), ms from the kill`, 'count', 'p50', 'p90', 'p99', 'max'],
    [
      row('failure detected (RESTARTING)', r.detectedMs),
      row('redeployed (RUNNING)', r.redeployedMs),
      row('first record at the sink', r.firstRecordMs),
      row('caught up (sink lag back to before)', r.caughtUpMs),
    ],
  );
}

function summaryTable(report: CheckpointSuiteReport): string {
  return formatTable(
    [...SUMMARY_COLUMNS],
    report.scenarios.map((r) => [
      r.name,
      r.figures.completed,
      r.figures.failed,
      ms(r.figures.endToEndMs.p50),
      ms(r.figures.endToEndMs.p99),
      ms(r.figures.endToEndMs.max),
      ms(r.floors.totalMs),
      times(r.floors.p50Ratio),
      times(r.floors.p99Ratio),
      rate(r.figures.recordsPerSecond),
      comparable(r.figures.throughputDuringCheckpoints) ? percent(r.figures.throughputDuringCheckpoints.ratio) : '-',
      r.figures.recovery === null ? '-' : ms(r.figures.recovery.firstRecordMs.p50),
    ]),
  );
}
