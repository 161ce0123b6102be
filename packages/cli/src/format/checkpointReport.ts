import { formatNumber, formatTable } from '@dhara/bench';
import type { CheckpointStats } from '@dhara/runtime';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (n: number): string => (Number.isNaN(n) ? '-' : `${n.toFixed(1)} ms`);

/** Collects the final state of every checkpoint of a run. */
export class CheckpointLog {
  private readonly finished = new Map<number, CheckpointStats>();

  add(stats: CheckpointStats): void {
    if (stats.status !== 'IN_PROGRESS') this.finished.set(stats.id, stats);
  }

  get completed(): CheckpointStats[] {
    return [...this.finished.values()].filter((s) => s.status === 'COMPLETED');
  }

  get failed(): CheckpointStats[] {
    return [...this.finished.values()].filter((s) => s.status === 'FAILED');
  }

  /** A one-line status for progress output. */
  line(): string {
    const last = this.completed.at(-1);
    const tail = last === undefined ? '' : `, last #${last.id} ${ms(last.endToEndDurationMs ?? Number.NaN)}`;
    return `checkpoints ${this.completed.length} completed, ${this.failed.length} failed${tail}`;
  }

  /** The end-of-run summary: counts, the duration distribution, and the latest checkpoint's tasks. */
  summary(): string {
    const completed = this.completed;
    if (completed.length === 0 && this.failed.length === 0) return '';
    const durations = completed.map((s) => s.endToEndDurationMs ?? 0).sort((a, b) => a - b);
    const lines = [
      `checkpoints: ${completed.length} completed, ${this.failed.length} failed; end-to-end p50 ${ms(percentile(durations, 50))}, ` +
        `p90 ${ms(percentile(durations, 90))}, max ${ms(durations.at(-1) ?? Number.NaN)}`,
    ];
    const last = completed.at(-1);
    if (last !== undefined) {
      lines.push(`latest: #${last.id}, ${formatNumber(last.stateBytes)} bytes of state, at ${last.location}`);
      lines.push(
        formatTable(
          ['task', 'subtask', 'sync', 'async', 'alignment', 'start delay', 'state bytes'],
          last.tasks.map((t) => [
            t.vertexId,
            t.subtaskIndex + 1,
            ms(t.syncDurationMs),
            ms(t.asyncDurationMs),
            ms(t.alignmentDurationMs),
            ms(t.startDelayMs),
            t.stateBytes,
          ]),
        ),
      );
    }
    for (const failure of this.failed.slice(-3)) lines.push(`failed #${failure.id}: ${failure.failureReason ?? ''}`);
    return lines.join('\n');
  }
}
