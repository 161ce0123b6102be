import type { CheckpointStats } from '../jobmanager/index.ts';
import type { JobMetrics } from '../metrics/index.ts';

/** What a finished job leaves behind. */
export interface JobResult {
  readonly jobId: string;
  readonly jobName: string;
  readonly status: 'FINISHED';
  readonly durationMs: number;
  /** Everything the job's collect sinks received, by sink name. */
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  readonly metrics: JobMetrics;
  /** Checkpoints completed and failed during the run, and the latest completed one. */
  readonly checkpoints: CheckpointSummary;
  /** Every restart: the attempt it began and the checkpoint it restored (undefined: from the beginning). */
  readonly restarts: readonly { readonly attempt: number; readonly checkpointId: number | undefined }[];
}

export interface CheckpointSummary {
  readonly completed: number;
  readonly failed: number;
  readonly latest: CheckpointStats | undefined;
}
