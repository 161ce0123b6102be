import { DharaError } from '@dhara/core';
import { type CheckpointMetadata, CheckpointStorage } from '../checkpoint/index.ts';

/**
 * The newest checkpoint whose completion the tasks were told of cannot be restored, and only older ones can. Sinks
 * commit on that notice, so restoring an older checkpoint would commit its output again: the job fails instead (as
 * Flink's failover never steps back on its own), naming the damaged checkpoint and the way to step back on purpose.
 */
export class CheckpointFallbackRefusedError extends DharaError {
  constructor(
    readonly notifiedId: number,
    readonly olderDir: string | undefined,
    reasons: readonly string[],
  ) {
    super(
      'CHECKPOINT_FALLBACK_REFUSED',
      `checkpoint ${notifiedId} completed and its sinks committed, but it cannot be restored (${reasons.join('; ') || 'its folder is gone'}); ` +
        (olderDir === undefined
          ? 'no older checkpoint is usable either'
          : `restoring the older ${olderDir} would commit its output again. To accept that, submit the job again ` +
            `with fromSavepoint (dhara run --from-savepoint) naming ${olderDir}`),
    );
  }
}

export interface RestorableCheckpoint {
  readonly dir: string;
  readonly metadata: CheckpointMetadata;
}

/**
 * The newest completed checkpoint on disk whose `_metadata` and state files all pass their checks; each refused one
 * is reported with its reason. Undefined when the job has no completed checkpoint (it restarts from the beginning);
 * an error when it has some but none is usable, since starting over would silently replay everything.
 */
export async function findRestorableCheckpoint(
  storage: CheckpointStorage,
  onRefused: (dir: string, reason: string) => void,
  /** The newest checkpoint whose completion was notified in this job: nothing older may be restored silently. */
  notifiedId?: number,
): Promise<RestorableCheckpoint | undefined> {
  const candidates = await storage.completedCheckpointDirs();
  const reasons: string[] = [];
  for (const { dir } of candidates) {
    let metadata: CheckpointMetadata;
    try {
      metadata = await CheckpointStorage.readMetadata(dir);
    } catch (error) {
      const reason = (error as Error).message;
      reasons.push(reason);
      onRefused(dir, reason);
      continue;
    }
    if (notifiedId !== undefined && metadata.checkpointId < notifiedId) {
      throw new CheckpointFallbackRefusedError(notifiedId, dir, reasons);
    }
    return { dir, metadata };
  }
  if (notifiedId !== undefined && candidates.length === 0)
    throw new CheckpointFallbackRefusedError(notifiedId, undefined, []);
  if (candidates.length > 0) {
    throw new Error(`no usable checkpoint among ${candidates.length}: ${reasons.join('; ')}`);
  }
  return undefined;
}
