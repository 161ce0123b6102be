import type { TaskCheckpointStats } from '../../protocol/index.ts';

export type CheckpointStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** One checkpoint as Flink's checkpoint monitoring shows it; emitted on `job.checkpoints$` at each change. */
export interface CheckpointStats {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly status: CheckpointStatus;
  /** When it was triggered (ms since the epoch). */
  readonly triggerTimestamp: number;
  /** From the trigger to the last acknowledgement (and the metadata written), once complete. */
  readonly endToEndDurationMs: number | undefined;
  readonly acknowledged: number;
  readonly total: number;
  readonly stateBytes: number;
  readonly inFlightBytes: number;
  readonly tasks: readonly TaskCheckpointStats[];
  readonly failureReason: string | undefined;
  /** Where it is stored, once complete. */
  readonly location: string | undefined;
}
