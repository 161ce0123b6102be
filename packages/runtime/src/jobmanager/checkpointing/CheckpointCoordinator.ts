import path from 'node:path';
import type { CheckpointConfig } from '@dhara/core';
import { type CheckpointMetadata, CheckpointStorage, type StateFileHandle } from '../../checkpoint/index.ts';
import type { Mailbox } from '../../mailbox/index.ts';
import type { TaskCheckpointStats } from '../../protocol/index.ts';
import { type AbortReason, CheckpointFailureManager } from './CheckpointFailureManager.ts';
import type { CheckpointGateway } from './CheckpointGateway.ts';
import { type CheckpointRequest, CheckpointRequestDecider } from './CheckpointRequestDecider.ts';
import type { CheckpointStats } from './CheckpointStats.ts';
import { CheckpointsCleaner } from './CheckpointsCleaner.ts';
import { type CompletedCheckpoint, CompletedCheckpointStore } from './CompletedCheckpointStore.ts';
import { triggerMasterHook } from './MasterHooks.ts';
import { moveDirectory } from './moveDirectory.ts';
import { PendingCheckpoint, type SavepointTarget } from './PendingCheckpoint.ts';
import { type TaskRef, taskKey } from './TaskRef.ts';

/**
 * Flink's CheckpointCoordinator on the job manager's mailbox. When a request is admitted (`CheckpointRequestDecider`)
 * it snapshots the split enumerators, runs the master hooks (FLINK-18641: hooks after coordinators), and only then
 * tells the source tasks to inject barriers. Acknowledgements may come before triggering has finished. When every
 * task, coordinator and hook is in (`PendingCheckpoint`), `_metadata` is written atomically and the checkpoint
 * completes: older pending ones are subsumed, tasks and enumerators are notified, and completed checkpoints beyond
 * `retained` are deleted (`CompletedCheckpointStore`, `CheckpointsCleaner`). Failed ones count against
 * `tolerableFailures` (`CheckpointFailureManager`).
 */
export class CheckpointCoordinator {
  private readonly pending = new Map<number, PendingCheckpoint>();
  private readonly cleaner = new CheckpointsCleaner();
  private readonly completed: CompletedCheckpointStore;
  private readonly failureManager: CheckpointFailureManager;
  private readonly requests: CheckpointRequestDecider;
  private lastId: number;
  /** Ids of aborted checkpoints newer than the last completed one, whose late acknowledgements are garbage. */
  private readonly aborted = new Set<number>();
  /** Called once nothing is pending any more, after a stop. */
  private onStopped: (() => void) | undefined;

  constructor(
    private readonly config: CheckpointConfig,
    private readonly storage: CheckpointStorage,
    private readonly mailbox: Mailbox,
    private readonly gateway: CheckpointGateway,
    private readonly onStats: (stats: CheckpointStats) => void,
    /** Checkpoint ids continue after this (the id of a restored checkpoint, so new ones never overwrite it). */
    startAfterId = 0,
  ) {
    this.lastId = startAfterId;
    this.requests = new CheckpointRequestDecider(config, mailbox, this.pending, (request) =>
      this.triggerCheckpoint(request),
    );
    this.completed = new CompletedCheckpointStore(config.retained, this.cleaner);
    this.failureManager = new CheckpointFailureManager(config.tolerableFailures, (error) => gateway.failJob(error));
  }

  get latestCompleted(): CompletedCheckpoint | undefined {
    return this.completed.latest;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Starts periodic checkpoints (if an interval is set). */
  start(): void {
    this.requests.start();
  }

  /**
   * Stops triggering and aborts what is pending — except checkpoints whose tasks have all acknowledged and whose
   * `_metadata` is being written: those are valid and complete first. `onStopped` runs when nothing is pending.
   */
  stop(reason: AbortReason, onStopped?: () => void): void {
    this.requests.stop();
    for (const pending of [...this.pending.values()]) {
      if (!pending.isFinalizing) this.abort(pending.id, reason, `the checkpoint was abandoned (${reason})`);
    }
    if (onStopped !== undefined) {
      this.onStopped = onStopped;
      this.notifyIfStopped();
    }
  }

  private notifyIfStopped(): void {
    if (this.onStopped === undefined || this.pending.size > 0) return;
    const onStopped = this.onStopped;
    this.onStopped = undefined;
    if (!this.cleaner.hasRemovalsInFlight) {
      onStopped();
      return;
    }
    this.mailbox.whenDone(this.cleaner.removalsSettled(), () => onStopped(), 'checkpoint folders removed');
  }

  /** Resolves when the checkpoint folders being deleted now are gone (a restore scans the folder after that). */
  removalsSettled(): Promise<void> {
    return this.cleaner.removalsSettled();
  }

  /** A checkpoint on request (`JobClient.triggerCheckpoint`), outside the schedule; `onDone` hears how it ended. */
  triggerManualCheckpoint(onDone?: (stats: CheckpointStats) => void): boolean {
    return this.triggerCheckpoint({ kind: 'checkpoint', periodic: false, onDone, savepoint: undefined });
  }

  /**
   * Every task reached the end of its input and waits for a checkpoint taken after that (FLIP-147): triggers one now,
   * outside the schedule, and again after a failure (or while a trigger is refused), until one completes.
   */
  triggerFinalCheckpoint(): void {
    this.requests.requestFinal(this.lastId + 1);
  }

  /**
   * Triggers a savepoint: always aligned, not limited by maxConcurrent or minPause, not kept among the retained
   * checkpoints. Once complete its directory moves into `targetDir` (it is self-contained: every path in its
   * `_metadata` is relative), and `onDone` gets its statistics with that location. With `stop`, the sources read
   * nothing after its barrier and the job finishes (stop with savepoint).
   */
  triggerSavepoint(
    targetDir: string,
    stop: boolean,
    onDone: (stats: CheckpointStats) => void,
    onRefused: () => void = () => {},
  ): boolean {
    const request: CheckpointRequest = { kind: 'savepoint', periodic: false, onDone, savepoint: { targetDir, stop } };
    return this.requests.requestSavepoint(request, onRefused);
  }

  abortAll(reason: AbortReason): void {
    for (const id of [...this.pending.keys()]) this.abort(id, reason, `the checkpoint was abandoned (${reason})`);
  }

  /** A task's `acknowledgeCheckpoint`: its state file is written. */
  receiveAcknowledgeMessage(
    task: TaskRef,
    checkpointId: number,
    handle: StateFileHandle,
    operatorUids: readonly string[],
    stats: TaskCheckpointStats,
  ): void {
    const pending = this.pending.get(checkpointId);
    if (pending?.isFinalizing) return; // a duplicate: every task has acknowledged already
    if (pending === undefined) {
      // Late. Only a checkpoint that was aborted leaves garbage (its file, and the folder the write may have made
      // again); one that completed (a duplicate ack) must keep every file its _metadata names.
      if (this.aborted.has(checkpointId)) this.cleaner.cleanCheckpoint(this.storage.checkpointDir(checkpointId));
      return;
    }
    if (!pending.acknowledgeTask(task, handle, operatorUids, stats)) return;
    this.report(pending, 'IN_PROGRESS');
    this.finalizeIfFullyAcknowledged(pending);
  }

  /**
   * A task's `declineCheckpoint`: the checkpoint cannot complete. One declined because a newer checkpoint's barrier
   * overtook it is aborted as subsumed, which does not count against `tolerableFailures` (as in Flink).
   */
  receiveDeclineMessage(_task: TaskRef, checkpointId: number, reason: string, subsumed = false): void {
    if (!this.pending.has(checkpointId)) return;
    this.abort(checkpointId, subsumed ? 'subsumed' : 'declined', `a task declined it: ${reason}`);
  }

  /** A task ended before acknowledging: its checkpoints in flight cannot complete. */
  taskEnded(task: TaskRef): void {
    for (const pending of [...this.pending.values()]) {
      if (!pending.isAcknowledgedBy(task)) {
        this.abort(pending.id, 'task-failure', `task ${taskKey(task)} ended before acknowledging`);
      }
    }
  }

  /**
   * Starts one checkpoint (or savepoint), if admitted and every task runs: the split enumerators snapshot, then the
   * master hooks, then the source tasks are triggered. False when it did not start.
   */
  private triggerCheckpoint(request: CheckpointRequest): boolean {
    if (!this.requests.admits(request)) return false;
    const plan = this.gateway.checkpointPlan();
    if (plan === undefined) return false;

    const id = ++this.lastId;
    const timestamp = Date.now();
    const pending = new PendingCheckpoint({
      id,
      kind: request.kind,
      timestamp,
      started: this.elapsedNow(),
      tasks: plan.all,
      masterHooks: this.gateway.masterHooks.length,
      dir: this.storage.checkpointDir(id),
      onDone: request.onDone,
      savepoint: request.savepoint,
    });
    pending.setCancellerHandle(
      this.mailbox.schedule(
        this.config.timeoutMs,
        () => this.abort(id, 'expired', `it did not complete within the timeout of ${this.config.timeoutMs} ms`),
        `checkpoint ${id} timeout`,
      ),
    );
    this.pending.set(id, pending);
    this.report(pending, 'IN_PROGRESS');

    try {
      pending.acknowledgeCoordinatorStates(this.gateway.snapshotSourceCoordinators(id));
    } catch (error) {
      this.abort(id, 'trigger-failed', `a split enumerator's snapshotState failed: ${(error as Error).message}`);
      return false;
    }
    if (this.gateway.masterHooks.length === 0) {
      this.triggerSourceTasks(pending, plan.sources);
      return true;
    }
    for (const hook of this.gateway.masterHooks) {
      this.mailbox.whenDone(
        triggerMasterHook(hook, id, timestamp),
        (data, error) => {
          if (this.pending.get(id) !== pending) return;
          if (error !== undefined) {
            this.abort(id, 'trigger-failed', `master hook '${hook.identifier}' failed: ${(error as Error).message}`);
            return;
          }
          if (pending.acknowledgeMasterState(hook.identifier, data)) this.triggerSourceTasks(pending, plan.sources);
        },
        `master hook ${hook.identifier} of checkpoint ${id}`,
      );
    }
    return true;
  }

  private triggerSourceTasks(pending: PendingCheckpoint, sources: readonly TaskRef[]): void {
    const stop = pending.savepoint?.stop ?? false;
    for (const task of sources) {
      this.gateway.triggerSourceTask(task, pending.id, pending.timestamp, pending.kind, stop);
    }
    pending.markTriggered();
    this.finalizeIfFullyAcknowledged(pending);
  }

  /** Once every part is in: writes `_metadata` (atomically), then completes the checkpoint. */
  private finalizeIfFullyAcknowledged(pending: PendingCheckpoint): void {
    if (!pending.isFullyAcknowledged() || pending.isFinalizing) return;
    const metadata = pending.finalizeCheckpoint(this.gateway.jobMetadata());
    this.mailbox.whenDone(
      CheckpointStorage.writeMetadata(pending.dir, metadata),
      (_ok, error) => {
        if (this.pending.get(pending.id) !== pending) {
          this.cleaner.cleanCheckpoint(pending.dir);
          return;
        }
        if (error !== undefined) {
          this.abort(pending.id, 'io', `writing its _metadata failed: ${(error as Error).message}`);
          return;
        }
        if (pending.savepoint === undefined) this.completeCheckpoint(pending, metadata);
        else this.completeSavepoint(pending, pending.savepoint, metadata);
      },
      `metadata of checkpoint ${pending.id}`,
    );
  }

  /** A checkpoint is complete: it is retained, older pending ones are subsumed, the job hears of it. */
  private completeCheckpoint(pending: PendingCheckpoint, metadata: CheckpointMetadata): void {
    pending.cancelTimer();
    this.pending.delete(pending.id);
    this.completed.add({ id: pending.id, dir: pending.dir, metadata });
    this.requests.checkpointCompleted();
    this.failureManager.handleCheckpointSuccess(pending.id);
    // Tasks acknowledge in checkpoint order: no late acknowledgement of an older aborted checkpoint can come now.
    for (const id of this.aborted) if (id < pending.id) this.aborted.delete(id);
    const stats = this.report(pending, 'COMPLETED');
    pending.onDone?.(stats);
    for (const older of [...this.pending.values()]) {
      if (older.id < pending.id) this.abort(older.id, 'subsumed', `checkpoint ${pending.id} completed first`);
    }
    this.gateway.notifyCheckpointComplete(pending.id, false, this.requests.isFinal(pending.id));
    this.completed.subsumeOldest();
    this.notifyIfStopped();
  }

  /** A savepoint's `_metadata` is written: its folder moves to the target, then it completes (not retained). */
  private completeSavepoint(
    pending: PendingCheckpoint,
    savepoint: SavepointTarget,
    metadata: CheckpointMetadata,
  ): void {
    // Still finalizing while it moves: an abort now leaves the folder to the move's end.
    const target = path.join(savepoint.targetDir, `savepoint-${metadata.jobId.slice(0, 8)}-${pending.id}`);
    this.mailbox.whenDone(
      moveDirectory(pending.dir, target),
      (_ok, error) => {
        if (this.pending.get(pending.id) !== pending) {
          this.cleaner.cleanCheckpoint(target);
          return;
        }
        if (error !== undefined) {
          this.abort(pending.id, 'io', `moving the savepoint to ${target} failed: ${(error as Error).message}`);
          return;
        }
        pending.cancelTimer();
        this.pending.delete(pending.id);
        const stats = this.report(pending, 'COMPLETED', undefined, target);
        pending.onDone?.(stats);
        this.gateway.notifyCheckpointComplete(pending.id, savepoint.stop, this.requests.isFinal(pending.id));
        this.notifyIfStopped();
      },
      `move savepoint ${pending.id}`,
    );
  }

  /** Milliseconds for durations: sub-millisecond when the clock has a precise source (the system clock does). */
  private elapsedNow(): number {
    const { clock } = this.mailbox;
    return clock.preciseNow?.() ?? clock.now();
  }

  private abort(id: number, reason: AbortReason, message: string): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    pending.cancelTimer();
    this.pending.delete(id);
    this.aborted.add(id);
    // A checkpoint whose _metadata is being written loses its folder when that write settles, not under it.
    if (!pending.isFinalizing) this.cleaner.cleanCheckpoint(pending.dir);
    const stats = this.report(pending, 'FAILED', message);
    pending.onDone?.(stats);
    this.gateway.notifyCheckpointAborted(id);
    this.failureManager.handleCheckpointFailure(id, reason, message);
  }

  /** Emits the checkpoint's statistics as they are now, and returns them. */
  private report(
    pending: PendingCheckpoint,
    status: CheckpointStats['status'],
    failureReason?: string,
    location?: string,
  ): CheckpointStats {
    const stats = pending.stats(status, this.elapsedNow(), failureReason, location);
    this.onStats(stats);
    return stats;
  }
}
