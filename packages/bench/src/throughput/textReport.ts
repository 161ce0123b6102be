// The text report of `dhara bench throughput`: the floors, the plain loops, one row per job run with its ratios, and
// the goals.
import { formatRate, formatTable } from '../output/index.ts';
import type { Figures } from './measure.ts';
import type { ThroughputReport } from './suite.ts';

/** What `dhara bench throughput` prints once the suite ran: the tables, the goals, and whether other work interfered. */
export function throughputTextReport(report: ThroughputReport): string {
  const parts = [
    `\n${report.coreDefinition}.`,
    `\nfloors (same run): ${floorsTable(report)}`,
    `\nplain loops (this thread, same records, same run):\n${loopsTable(report)}`,
    `\njobs (every run's output matched its loop's: count and checksum):\n${jobsTable(report)}`,
  ];
  const goals = goalsBlock(report);
  if (goals.length > 0) parts.push(`\ngoals (records/s per core, 2-core reference machine):\n${goals}`);
  if (report.jobs.some((j) => j.figures.samples.some((s) => (s.otherLoad ?? 0) > 0.2))) {
    parts.push('\nwarning: other processes used CPU during some runs (column "other"); those figures are not clean.');
  }
  return parts.join('\n');
}

const rate = formatRate;
const pct = (share: number): string =>
  Number.isFinite(share) ? `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%` : '-';
const cores = (f: Figures): string => f.coresUsed.toFixed(2);
const other = (f: Figures): string =>
  f.samples.map((s) => (s.otherLoad === undefined ? '?' : s.otherLoad.toFixed(2))).join(' ');

function floorsTable(report: ThroughputReport): string {
  const method = report.floors[0]?.description ?? '';
  const table = formatTable(
    ['records', 'records/s', 'per core', 'cores', 'other'],
    report.floors.map((f) => [
      f.shape,
      rate(f.figures.recordsPerSecond),
      rate(f.figures.recordsPerCoreSecond),
      cores(f.figures),
      other(f.figures),
    ]),
  );
  return `${method}\n${table}`;
}

function loopsTable(report: ThroughputReport): string {
  return formatTable(
    ['query', 'outputs', 'seconds', 'records/s', 'per core', 'other'],
    report.loops.map((l) => [
      l.query,
      l.expected.outputs,
      l.figures.seconds.toFixed(3),
      rate(l.figures.recordsPerSecond),
      rate(l.figures.recordsPerCoreSecond),
      other(l.figures),
    ]),
  );
}

function jobsTable(report: ThroughputReport): string {
  return formatTable(
    [
      'query',
      'p',
      'seconds',
      'records/s',
      'per core',
      'cores',
      'vs loop',
      'vs loop/core',
      'vs floor',
      'vs floor/core',
      'other',
    ],
    report.jobs.map((j) => [
      j.query,
      j.parallelism,
      j.figures.seconds.toFixed(3),
      rate(j.figures.recordsPerSecond),
      rate(j.figures.recordsPerCoreSecond),
      cores(j.figures),
      pct(j.ratios.loop),
      pct(j.ratios.loopPerCore),
      pct(j.ratios.floor),
      pct(j.ratios.floorPerCore),
      other(j.figures),
    ]),
  );
}

function goalsBlock(report: ThroughputReport): string {
  return report.jobs
    .filter((j) => j.goalPerCore !== null)
    .map((j) => {
      const goal = j.goalPerCore!;
      const perCore = j.figures.recordsPerCoreSecond;
      const verdict = j.goalMet ? 'MET   ' : 'MISSED';
      return `  ${verdict} ${j.query} p=${j.parallelism}: ${rate(perCore)}/s per core, goal ${rate(goal)} (${pct(perCore / goal)})`;
    })
    .join('\n');
}
