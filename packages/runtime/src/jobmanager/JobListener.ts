import type { JobMetrics } from '../metrics/index.ts';
import type { CheckpointStats } from './checkpointing/index.ts';
import type { JobStatus } from './JobStatus.ts';

/** What the job client hears from the execution. */
export interface JobListener {
  onStatus(status: JobStatus): void;
  onMetrics(metrics: JobMetrics): void;
  onCollected(name: string, values: unknown[]): void;
  onCheckpoint(stats: CheckpointStats): void;
  /** A new attempt starts after a failure, from this checkpoint (undefined: from the beginning). */
  onRestart(attempt: number, checkpointId: number | undefined): void;
  onTerminal(error: Error | undefined, metrics: JobMetrics): void;
}
