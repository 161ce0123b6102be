import {
  type CheckpointMetadata,
  encodeState,
  type StateFileHandle,
  type TaskStateEntry,
} from '../../checkpoint/index.ts';
import type { CancelTimer } from '../../mailbox/index.ts';
import type { TaskCheckpointStats } from '../../protocol/index.ts';
import type { JobCheckpointMetadata } from './CheckpointGateway.ts';
import type { CheckpointStats } from './CheckpointStats.ts';
import { type TaskRef, taskKey } from './TaskRef.ts';

/** Savepoints: where the completed directory goes, and whether the sources stop after the barrier. */
export interface SavepointTarget {
  readonly targetDir: string;
  readonly stop: boolean;
}

export interface PendingCheckpointInit {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  /** When it was triggered, ms since the epoch (stored in `_metadata`). */
  readonly timestamp: number;
  /** When it was triggered, on the duration clock. */
  readonly started: number;
  /** Every task of the attempt: each must acknowledge. */
  readonly tasks: readonly TaskRef[];
  /** How many master hooks must report their part. */
  readonly masterHooks: number;
  readonly dir: string;
  readonly onDone: ((stats: CheckpointStats) => void) | undefined;
  readonly savepoint: SavepointTarget | undefined;
}

/**
 * One checkpoint in flight, as Flink's PendingCheckpoint: the tasks that have still to acknowledge, the states
 * collected (tasks, split enumerators, master hooks), the per-task statistics, and its timeout. It is complete when
 * the source tasks were triggered and every task and hook is in; then it assembles its `_metadata`.
 */
export class PendingCheckpoint {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly timestamp: number;
  readonly dir: string;
  readonly onDone: ((stats: CheckpointStats) => void) | undefined;
  readonly savepoint: SavepointTarget | undefined;
  private readonly started: number;
  private readonly notYetAcknowledged: Set<string>;
  private readonly acknowledged = new Map<string, { entry: TaskStateEntry; stats: TaskCheckpointStats }>();
  private readonly totalTasks: number;
  private coordinatorStates: Record<string, Uint8Array> = {};
  private readonly masterStates: Record<string, Uint8Array> = {};
  private notYetAcknowledgedMasterStates: number;
  private triggered = false;
  private finalizing = false;
  private cancelTimeout: CancelTimer = () => {};

  constructor(init: PendingCheckpointInit) {
    this.id = init.id;
    this.kind = init.kind;
    this.timestamp = init.timestamp;
    this.started = init.started;
    this.dir = init.dir;
    this.onDone = init.onDone;
    this.savepoint = init.savepoint;
    this.notYetAcknowledged = new Set(init.tasks.map(taskKey));
    this.totalTasks = init.tasks.length;
    this.notYetAcknowledgedMasterStates = init.masterHooks;
  }

  /** The source tasks have been told to inject the barrier (until then, no other checkpoint is triggered). */
  get isTriggered(): boolean {
    return this.triggered;
  }

  /**
   * Every part is in and its `_metadata` is being written (or the savepoint moved): it is valid, so an abort leaves
   * its folder to that write's end, and a stop lets it complete.
   */
  get isFinalizing(): boolean {
    return this.finalizing;
  }

  setCancellerHandle(cancel: CancelTimer): void {
    this.cancelTimeout = cancel;
  }

  /** Stops its timeout (it completed or was aborted). */
  cancelTimer(): void {
    this.cancelTimeout();
  }

  markTriggered(): void {
    this.triggered = true;
  }

  /** False when the task does not take part or has acknowledged already. */
  isAcknowledgedBy(task: TaskRef): boolean {
    return !this.notYetAcknowledged.has(taskKey(task));
  }

  /** Records a task's acknowledgement; false (and nothing recorded) for a duplicate or a task not in the plan. */
  acknowledgeTask(
    task: TaskRef,
    handle: StateFileHandle,
    operatorUids: readonly string[],
    stats: TaskCheckpointStats,
  ): boolean {
    const key = taskKey(task);
    if (!this.notYetAcknowledged.delete(key)) return false;
    this.acknowledged.set(key, {
      entry: { vertexId: task.vertexId, subtaskIndex: task.subtaskIndex, operatorUids, handle },
      stats,
    });
    return true;
  }

  /** The split enumerators' states, by source uid. */
  acknowledgeCoordinatorStates(states: Record<string, Uint8Array>): void {
    this.coordinatorStates = states;
  }

  /** A master hook's part (undefined: it stores nothing); true once every hook has reported. */
  acknowledgeMasterState(identifier: string, data: unknown): boolean {
    if (data !== undefined) this.masterStates[identifier] = encodeState(data);
    return --this.notYetAcknowledgedMasterStates === 0;
  }

  isFullyAcknowledged(): boolean {
    return this.triggered && this.notYetAcknowledgedMasterStates <= 0 && this.notYetAcknowledged.size === 0;
  }

  /** Marks it finalizing and assembles its `_metadata`. */
  finalizeCheckpoint(job: JobCheckpointMetadata): CheckpointMetadata {
    this.finalizing = true;
    return {
      version: 1,
      ...job,
      checkpointId: this.id,
      timestamp: this.timestamp,
      kind: this.kind,
      tasks: [...this.acknowledged.values()].map((a) => a.entry),
      coordinators: this.coordinatorStates,
      hooks: this.masterStates,
    };
  }

  /** Its statistics now; `now` is on the duration clock; `location` defaults to its own folder. */
  stats(
    status: CheckpointStats['status'],
    now: number,
    failureReason?: string,
    location: string = this.dir,
  ): CheckpointStats {
    const tasks = [...this.acknowledged.values()].map((a) => a.stats);
    return {
      id: this.id,
      kind: this.kind,
      status,
      triggerTimestamp: this.timestamp,
      endToEndDurationMs: status === 'COMPLETED' ? now - this.started : undefined,
      acknowledged: this.acknowledged.size,
      total: this.totalTasks,
      stateBytes: tasks.reduce((n, t) => n + t.stateBytes, 0),
      inFlightBytes: tasks.reduce((n, t) => n + t.inFlightBytes, 0),
      tasks,
      failureReason,
      location: status === 'COMPLETED' ? location : undefined,
    };
  }
}
