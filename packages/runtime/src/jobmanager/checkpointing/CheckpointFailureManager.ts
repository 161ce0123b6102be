import { DharaError } from '@dhara/core';

/** Why a checkpoint failed; only some count against `tolerableFailures` (as Flink's CheckpointFailureManager). */
export type AbortReason = 'declined' | 'expired' | 'io' | 'task-failure' | 'subsumed' | 'job-ended' | 'trigger-failed';

/** The reasons that say something about the checkpoints themselves; the others come with a failover or an end. */
const COUNTED: ReadonlySet<AbortReason> = new Set(['declined', 'expired', 'io']);

/** More checkpoints failed in a row than `tolerableFailures` allows. */
export class CheckpointFailuresExceededError extends DharaError {
  constructor(limit: number, lastReason: string) {
    super(
      'TOO_MANY_CHECKPOINT_FAILURES',
      `more than ${limit} checkpoint failure${limit === 1 ? '' : 's'} in a row (tolerableFailures = ${limit}); the last: ${lastReason}`,
    );
  }
}

/**
 * Flink's CheckpointFailureManager: counts consecutive checkpoint failures against `tolerableFailures` and fails the
 * job when there are more. Each checkpoint id counts once, a failure of a checkpoint older than the last completed
 * one does not count, and a completed checkpoint (not a savepoint) starts the count over.
 */
export class CheckpointFailureManager {
  private readonly countedIds = new Set<number>();
  private lastSucceededId = 0;

  constructor(
    private readonly tolerableFailures: number,
    private readonly failJob: (error: Error) => void,
  ) {}

  /** A checkpoint was aborted; `message` says why, for the error that fails the job. */
  handleCheckpointFailure(checkpointId: number, reason: AbortReason, message: string): void {
    if (!COUNTED.has(reason) || checkpointId <= this.lastSucceededId || this.countedIds.has(checkpointId)) return;
    this.countedIds.add(checkpointId);
    if (this.countedIds.size > this.tolerableFailures) {
      this.countedIds.clear();
      this.failJob(
        new CheckpointFailuresExceededError(this.tolerableFailures, `checkpoint ${checkpointId}: ${message}`),
      );
    }
  }

  handleCheckpointSuccess(checkpointId: number): void {
    this.lastSucceededId = checkpointId;
    this.countedIds.clear();
  }
}
