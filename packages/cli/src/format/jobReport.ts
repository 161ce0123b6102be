import { formatNumber, formatTable } from '@dhara/bench';
import type { JobMetrics } from '@dhara/runtime';

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** One line of progress: records in and out, and how busy and backpressured each operator chain is. */
export function progressLine(status: string, metrics: JobMetrics): string {
  const seconds = (metrics.elapsedMs / 1000).toFixed(1);
  const vertices = metrics.vertices
    .map(
      (v) =>
        `${v.name}: in ${formatNumber(v.recordsIn)} out ${formatNumber(v.recordsOut)} ` +
        `busy ${percent(v.busyShare)} backpressured ${percent(v.backpressuredShare)}`,
    )
    .join(' | ');
  return `[${seconds}s] ${status} ${vertices}`;
}

/** The end-of-run table, one row per operator chain. */
export function summaryTable(metrics: JobMetrics): string {
  return formatTable(
    ['task (operator chain)', 'parallelism', 'records in', 'records out', 'busy', 'idle', 'backpressured'],
    metrics.vertices.map((v) => [
      v.name,
      v.parallelism,
      v.recordsIn,
      v.recordsOut,
      percent(v.busyShare),
      percent(v.idleShare),
      percent(v.backpressuredShare),
    ]),
  );
}
