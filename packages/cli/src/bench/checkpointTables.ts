// The text report of `dhara bench checkpoint`: a block per scenario, then one summary table across scenarios.
import type { ScenarioResult, SuiteReport } from '../../../../bench/checkpoint/suite.ts';
import { formatTable } from '../format/table.ts';

/** Rounded milliseconds as a number, so that the table right-aligns them (NaN when there was nothing to measure). */
const ms = (n: number): number => Number(n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0));
const times = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)}x` : '-');
const rate = (n: number): string =>
  !Number.isFinite(n)
    ? '-'
    : n >= 1e6
      ? `${(n / 1e6).toFixed(2)}M`
      : n >= 1e3
        ? `${(n / 1e3).toFixed(1)}k`
        : n.toFixed(0);

function bytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
}

export function scenarioBlock(r: ScenarioResult): string {
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
  for (const reason of f.failures) lines.push(`   failed: ${reason}`);
  return lines.join('\n');
}

export function summaryTable(report: SuiteReport): string {
  return formatTable(
    ['scenario', 'done', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'floor ms', 'p50/floor', 'p99/floor', 'records/s'],
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
    ]),
  );
}
