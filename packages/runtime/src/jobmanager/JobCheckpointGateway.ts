import type { MasterTriggerRestoreHook } from '@dhara/core';
import type { JobGraph } from '@dhara/core/internal';
import type { CheckpointGateway, CheckpointPlan, JobCheckpointMetadata, TaskRef } from './checkpointing/index.ts';
import type { SourceCoordinators } from './SourceCoordinators.ts';
import type { TaskExecutions } from './TaskExecutions.ts';

/**
 * The checkpoint coordinator's view of one job: the tasks of its current attempt, its source coordinators and its
 * master hooks. Made by the JobExecution, which keeps the attempt's tasks and coordinators up to date.
 */
export class JobCheckpointGateway implements CheckpointGateway {
  constructor(
    private readonly jobId: string,
    private readonly graph: JobGraph,
    private readonly tasks: TaskExecutions,
    private readonly sourceCoordinators: SourceCoordinators,
    readonly masterHooks: readonly MasterTriggerRestoreHook<unknown>[],
    /** Checkpoints are only taken while the job runs (not while it fails, restarts or is cancelled). */
    private readonly isJobRunning: () => boolean,
    /** Fails the current attempt over (it restarts if the restart strategy allows). */
    private readonly failOver: (error: Error) => void,
  ) {}

  /**
   * Checkpoints need every task of the attempt running. With checkpointing on, a task whose input ended stays running
   * until a checkpoint taken after that completes (the final checkpoint of FLIP-147), so this holds until the end.
   */
  checkpointPlan(): CheckpointPlan | undefined {
    if (!this.isJobRunning() || !this.tasks.every((t) => t.state === 'RUNNING')) return undefined;
    return {
      sources: this.tasks.all.filter((t) => t.vertex.nodes[0]!.spec.kind === 'source'),
      all: this.tasks.all,
    };
  }

  snapshotSourceCoordinators(checkpointId: number): Record<string, Uint8Array> {
    return this.sourceCoordinators.snapshot(checkpointId);
  }

  /** The task injects the barrier; what its split enumerator sent it since the snapshot may follow now. */
  triggerSourceTask(
    task: TaskRef,
    checkpointId: number,
    timestamp: number,
    kind: 'checkpoint' | 'savepoint',
    stopAfter: boolean,
  ): void {
    this.tasks.sendTo(task.vertexId, task.subtaskIndex, {
      type: 'triggerCheckpointBarrier',
      checkpointId,
      timestamp,
      kind,
      stopAfter,
    });
    this.sourceCoordinators.openValve(task);
  }

  notifyCheckpointComplete(checkpointId: number, thenStop: boolean, final: boolean): void {
    this.sourceCoordinators.notifyCheckpointComplete(checkpointId);
    this.tasks.broadcast({ type: 'notifyCheckpointComplete', checkpointId, thenStop, final });
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.sourceCoordinators.notifyCheckpointAborted(checkpointId);
    this.tasks.broadcast({ type: 'notifyCheckpointAborted', checkpointId });
  }

  jobMetadata(): JobCheckpointMetadata {
    return {
      jobId: this.jobId,
      jobName: this.graph.streamGraph.jobName,
      maxParallelism: this.graph.streamGraph.maxParallelism,
      vertices: this.graph.vertices.map((v) => ({
        id: v.id,
        uids: v.nodes.map((n) => n.uid),
        parallelism: v.parallelism,
      })),
    };
  }

  failJob(error: Error): void {
    this.failOver(error);
  }
}
