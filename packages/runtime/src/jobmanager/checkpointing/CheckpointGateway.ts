import type { MasterTriggerRestoreHook } from '@dhara/core';
import type { CheckpointMetadata } from '../../checkpoint/index.ts';
import type { TaskRef } from './TaskRef.ts';

/** The tasks one checkpoint needs: the sources are triggered, and every task acknowledges. */
export interface CheckpointPlan {
  readonly sources: readonly TaskRef[];
  readonly all: readonly TaskRef[];
}

/** What a checkpoint's `_metadata` says about the job itself (the coordinator adds the checkpoint's own part). */
export type JobCheckpointMetadata = Pick<CheckpointMetadata, 'jobId' | 'jobName' | 'maxParallelism' | 'vertices'>;

/**
 * The coordinator's view of the job it checkpoints: the tasks of the current attempt, the split enumerators and the
 * master hooks. Each method is one act; the coordinator decides when.
 */
export interface CheckpointGateway {
  /** The tasks of the current attempt, or undefined when a checkpoint cannot be taken now (not all running). */
  checkpointPlan(): CheckpointPlan | undefined;
  /** Snapshots every split enumerator (synchronously, on the mailbox), by source uid. */
  snapshotSourceCoordinators(checkpointId: number): Record<string, Uint8Array>;
  readonly masterHooks: readonly MasterTriggerRestoreHook<unknown>[];
  /** Tells a source task to inject the checkpoint's barrier (`stopAfter`: and read nothing after it). */
  triggerSourceTask(
    task: TaskRef,
    checkpointId: number,
    timestamp: number,
    kind: 'checkpoint' | 'savepoint',
    stopAfter: boolean,
  ): void;
  /**
   * Tells the tasks and the enumerators that the checkpoint completed. `thenStop`: the savepoint of a
   * stop-with-savepoint: the tasks end after handling it. `final`: triggered after every task's input ended: the
   * tasks finish after handling it.
   */
  notifyCheckpointComplete(checkpointId: number, thenStop: boolean, final: boolean): void;
  /** Tells the tasks and the enumerators that the checkpoint was aborted. */
  notifyCheckpointAborted(checkpointId: number): void;
  jobMetadata(): JobCheckpointMetadata;
  /** The job fails over (tolerable checkpoint failures exceeded). */
  failJob(error: Error): void;
}
