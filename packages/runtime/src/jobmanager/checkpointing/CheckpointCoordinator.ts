import path from 'node:path';
import type { CheckpointConfig, MasterTriggerRestoreHook } from '@dhara/core';
import { DharaError } from '@dhara/core';
import {
  type CheckpointMetadata,
  CheckpointStorage,
  encodeState,
  type StateFileHandle,
  type TaskStateEntry,
} from '../../checkpoint/index.ts';
import type { CancelTimer, Mailbox } from '../../mailbox/index.ts';
import type { TaskCheckpointStats } from '../../protocol/index.ts';
import type { CheckpointStats } from './CheckpointStats.ts';
import { moveDirectory } from './moveDirectory.ts';

/** A subtask, as the coordinator knows it. */
export interface TaskRef {
  readonly vertexId: number;
  readonly subtaskIndex: number;
}

const keyOf = (t: TaskRef): string => `${t.vertexId}/${t.subtaskIndex}`;

/** What the coordinator needs from the job it checkpoints. */
export interface CheckpointGateway {
  /** The tasks of the current attempt, or undefined when a checkpoint cannot be taken now (not all running). */
  plan(): { readonly sources: readonly TaskRef[]; readonly all: readonly TaskRef[] } | undefined;
  /** Snapshots every split enumerator (synchronously, on the mailbox), by source uid. */
  snapshotCoordinators(checkpointId: number): Record<string, Uint8Array>;
  readonly hooks: readonly MasterTriggerRestoreHook<unknown>[];
  sendTrigger(
    task: TaskRef,
    checkpointId: number,
    timestamp: number,
    kind: 'checkpoint' | 'savepoint',
    stopAfter: boolean,
  ): void;
  /**
   * `thenStop`: the savepoint of a stop-with-savepoint: the tasks end after handling it. `final`: triggered after
   * every task's input ended: the tasks finish after handling it.
   */
  notifyComplete(checkpointId: number, thenStop: boolean, final: boolean): void;
  notifyAborted(checkpointId: number): void;
  metadataBase(): Pick<CheckpointMetadata, 'jobId' | 'jobName' | 'maxParallelism' | 'vertices'>;
  /** The job fails over (tolerable checkpoint failures exceeded). */
  failJob(error: Error): void;
}

/** More checkpoints failed in a row than `tolerableFailures` allows. */
export class CheckpointFailuresExceededError extends DharaError {
  constructor(limit: number, lastReason: string) {
    super(
      'TOO_MANY_CHECKPOINT_FAILURES',
      `more than ${limit} checkpoint failure${limit === 1 ? '' : 's'} in a row (tolerableFailures = ${limit}); the last: ${lastReason}`,
    );
  }
}

/** Why a checkpoint failed; only some count against `tolerableFailures` (as Flink's CheckpointFailureManager). */
export type AbortReason = 'declined' | 'expired' | 'io' | 'task-failure' | 'subsumed' | 'job-ended' | 'trigger-failed';
/** How often a savepoint request or a final checkpoint that cannot be triggered yet is tried again. */
const TRIGGER_RETRY_MS = 20;

const COUNTED: ReadonlySet<AbortReason> = new Set(['declined', 'expired', 'io']);

interface Pending {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly timestamp: number;
  /** When it was triggered, on the duration clock (`elapsedNow`). */
  readonly started: number;
  readonly notYetAcked: Set<string>;
  readonly acks: Map<string, { entry: TaskStateEntry; stats: TaskCheckpointStats }>;
  total: number;
  coordinators: Record<string, Uint8Array>;
  readonly hookData: Record<string, Uint8Array>;
  hooksPending: number;
  triggered: boolean;
  finalizing: boolean;
  readonly cancelTimeout: CancelTimer;
  readonly dir: string;
  readonly onDone: ((stats: CheckpointStats) => void) | undefined;
  /** Savepoints: where the completed directory goes, and whether the sources stop after the barrier. */
  readonly savepoint: { readonly targetDir: string; readonly stop: boolean } | undefined;
}

/** A checkpoint that completed, as kept in memory. */
export interface CompletedCheckpoint {
  readonly id: number;
  readonly dir: string;
  readonly metadata: CheckpointMetadata;
}

/**
 * Flink's CheckpointCoordinator on the job manager's mailbox. A periodic trigger is admitted when nothing is being
 * triggered, fewer than `maxConcurrent` are pending and `minPause` has passed since the last completion. It then
 * snapshots the split enumerators, runs the master hooks (FLINK-18641: hooks after coordinators), and only then
 * tells the source tasks to inject barriers. Acknowledgements may come before triggering has finished. When every
 * task, coordinator and hook is in, `_metadata` is written atomically and the checkpoint completes: older pending
 * ones are subsumed, tasks and enumerators are notified, and completed checkpoints beyond `retained` are deleted.
 */
export class CheckpointCoordinator {
  private readonly pending = new Map<number, Pending>();
  private readonly completed: CompletedCheckpoint[] = [];
  private lastId: number;
  private lastCompletionAt = Number.NEGATIVE_INFINITY;
  private lastSuccessfulId = 0;
  private readonly countedFailures = new Set<number>();
  /** Ids of aborted checkpoints newer than the last completed one, whose late acknowledgements are garbage. */
  private readonly aborted = new Set<number>();
  private cancelPeriodic: CancelTimer | undefined;
  private running = false;
  /** Called once nothing is pending any more, after a stop. */
  private onStopped: (() => void) | undefined;
  /** Directory deletions in flight: a stopped coordinator has finished them (no stray folder after a job's end). */
  private readonly removals = new Set<Promise<void>>();
  /** Every task ended its input: a checkpoint is (re)triggered until one completes, so the tasks can finish. */
  private finalRequested = false;
  /** Checkpoints from this id on were triggered after every task's input ended: each is a final checkpoint. */
  private finalFromId = Number.POSITIVE_INFINITY;

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
  }

  get latestCompleted(): CompletedCheckpoint | undefined {
    return this.completed.at(-1);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Starts periodic checkpoints (if an interval is set). */
  start(): void {
    this.running = true;
    this.finalRequested = false;
    this.finalFromId = Number.POSITIVE_INFINITY;
    if (this.config.intervalMs > 0) this.schedulePeriodic();
  }

  /**
   * Stops triggering and aborts what is pending — except checkpoints whose tasks have all acknowledged and whose
   * `_metadata` is being written: those are valid and complete first. `onStopped` runs when nothing is pending.
   */
  stop(reason: AbortReason, onStopped?: () => void): void {
    this.running = false;
    this.finalRequested = false;
    this.cancelPeriodic?.();
    this.cancelPeriodic = undefined;
    for (const pending of [...this.pending.values()]) {
      if (!pending.finalizing) this.abort(pending.id, reason, `the checkpoint was abandoned (${reason})`);
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
    if (this.removals.size === 0) {
      onStopped();
      return;
    }
    this.mailbox.whenDone(Promise.all([...this.removals]), () => onStopped(), 'checkpoint folders removed');
  }

  /** Resolves when the checkpoint folders being deleted now are gone (a restore scans the folder after that). */
  removalsSettled(): Promise<void> {
    return Promise.all([...this.removals]).then(() => undefined);
  }

  private remove(dir: string): void {
    const removal = CheckpointStorage.remove(dir).catch(() => {});
    this.removals.add(removal);
    void removal.finally(() => this.removals.delete(removal));
  }

  /** Triggers a checkpoint now, outside the schedule; `onDone` hears how it ended. */
  triggerNow(onDone?: (stats: CheckpointStats) => void): boolean {
    return this.trigger('checkpoint', onDone, true, undefined);
  }

  /**
   * Every task reached the end of its input and waits for a checkpoint taken after that: triggers one now, outside
   * the schedule, and again after a failure (or while a trigger is refused), until one completes.
   */
  triggerFinal(): void {
    if (this.finalRequested || !this.running) return;
    this.finalRequested = true;
    this.finalFromId = this.lastId + 1;
    const attempt = (): void => {
      if (!this.finalRequested || !this.running) return;
      let retrying = false;
      const retryLater = (): void => {
        if (retrying) return;
        retrying = true;
        this.mailbox.schedule(TRIGGER_RETRY_MS, attempt, 'final checkpoint retry');
      };
      const triggered = this.trigger(
        'checkpoint',
        (stats) => {
          if (stats.status !== 'COMPLETED') retryLater();
        },
        true,
        undefined,
      );
      if (!triggered) retryLater();
    };
    attempt();
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
    if (!this.running) return false;
    if (this.trigger('savepoint', onDone, true, { targetDir, stop })) return true;
    // Not now (tasks still deploying, another checkpoint still triggering): the request waits, as Flink queues it,
    // until it can go or its timeout has passed.
    const deadline = this.mailbox.clock.now() + this.config.timeoutMs;
    const retry = (): void => {
      if (!this.running || this.mailbox.clock.now() > deadline) {
        onRefused();
        return;
      }
      if (!this.trigger('savepoint', onDone, true, { targetDir, stop })) {
        this.mailbox.schedule(TRIGGER_RETRY_MS, retry, 'savepoint request retry');
      }
    };
    this.mailbox.schedule(TRIGGER_RETRY_MS, retry, 'savepoint request retry');
    return true;
  }

  abortAll(reason: AbortReason): void {
    for (const id of [...this.pending.keys()]) this.abort(id, reason, `the checkpoint was abandoned (${reason})`);
  }

  receiveAcknowledge(
    task: TaskRef,
    checkpointId: number,
    handle: StateFileHandle,
    operatorUids: readonly string[],
    stats: TaskCheckpointStats,
  ): void {
    const pending = this.pending.get(checkpointId);
    if (pending?.finalizing) return; // a duplicate: every task has acknowledged already
    if (pending === undefined) {
      // Late. Only a checkpoint that was aborted leaves garbage (its file, and the folder the write may have made
      // again); one that completed (a duplicate ack) must keep every file its _metadata names.
      if (this.aborted.has(checkpointId)) this.remove(this.storage.checkpointDir(checkpointId));
      return;
    }
    const key = keyOf(task);
    if (!pending.notYetAcked.delete(key)) return;
    pending.acks.set(key, {
      entry: { vertexId: task.vertexId, subtaskIndex: task.subtaskIndex, operatorUids, handle },
      stats,
    });
    this.emitStats(pending, 'IN_PROGRESS');
    this.completeIfReady(pending);
  }

  receiveDecline(_task: TaskRef, checkpointId: number, reason: string): void {
    if (this.pending.has(checkpointId)) this.abort(checkpointId, 'declined', `a task declined it: ${reason}`);
  }

  /** A task ended before acknowledging: its checkpoints in flight cannot complete. */
  taskEnded(task: TaskRef): void {
    for (const pending of [...this.pending.values()]) {
      if (pending.notYetAcked.has(keyOf(task))) {
        this.abort(pending.id, 'task-failure', `task ${keyOf(task)} ended before acknowledging`);
      }
    }
  }

  private schedulePeriodic(delayMs = this.config.intervalMs): void {
    this.cancelPeriodic = this.mailbox.schedule(
      delayMs,
      () => {
        if (!this.running) return;
        // A trigger held back only by minPause comes as soon as the pause ends (as Flink reschedules it).
        const pauseLeft = this.lastCompletionAt + this.config.minPauseMs - this.mailbox.clock.now();
        if (pauseLeft > 0 && this.pending.size < this.config.maxConcurrent) {
          this.schedulePeriodic(pauseLeft);
          return;
        }
        this.trigger('checkpoint', undefined, false, undefined);
        this.schedulePeriodic();
      },
      'periodic checkpoint trigger',
    );
  }

  private trigger(
    kind: 'checkpoint' | 'savepoint',
    onDone: ((stats: CheckpointStats) => void) | undefined,
    forced: boolean,
    savepoint: Pending['savepoint'],
  ): boolean {
    const now = this.mailbox.clock.now();
    if (!this.running) return false;
    if ([...this.pending.values()].some((p) => !p.triggered)) return false;
    if (!forced && this.pending.size >= this.config.maxConcurrent) return false;
    if (!forced && now < this.lastCompletionAt + this.config.minPauseMs) return false;
    const plan = this.gateway.plan();
    if (plan === undefined) return false;

    const id = ++this.lastId;
    const timestamp = Date.now();
    const pending: Pending = {
      id,
      kind,
      timestamp,
      started: this.elapsedNow(),
      notYetAcked: new Set(plan.all.map(keyOf)),
      acks: new Map(),
      total: plan.all.length,
      coordinators: {},
      hookData: {},
      hooksPending: this.gateway.hooks.length,
      triggered: false,
      finalizing: false,
      cancelTimeout: this.mailbox.schedule(
        this.config.timeoutMs,
        () => this.abort(id, 'expired', `it did not complete within the timeout of ${this.config.timeoutMs} ms`),
        `checkpoint ${id} timeout`,
      ),
      dir: this.storage.checkpointDir(id),
      onDone,
      savepoint,
    };
    this.pending.set(id, pending);
    this.emitStats(pending, 'IN_PROGRESS');

    try {
      pending.coordinators = this.gateway.snapshotCoordinators(id);
    } catch (error) {
      this.abort(id, 'trigger-failed', `a split enumerator's snapshotState failed: ${(error as Error).message}`);
      return false;
    }
    if (this.gateway.hooks.length === 0) {
      this.sendTriggers(pending, plan.sources);
      return true;
    }
    for (const hook of this.gateway.hooks) {
      this.mailbox.whenDone(
        Promise.resolve().then(() => hook.triggerCheckpoint(id, timestamp)),
        (data, error) => {
          if (this.pending.get(id) !== pending) return;
          if (error !== undefined) {
            this.abort(id, 'trigger-failed', `master hook '${hook.identifier}' failed: ${(error as Error).message}`);
            return;
          }
          if (data !== undefined) pending.hookData[hook.identifier] = encodeState(data);
          if (--pending.hooksPending === 0) this.sendTriggers(pending, plan.sources);
        },
        `master hook ${hook.identifier} of checkpoint ${id}`,
      );
    }
    return true;
  }

  private sendTriggers(pending: Pending, sources: readonly TaskRef[]): void {
    const stop = pending.savepoint?.stop ?? false;
    for (const task of sources) this.gateway.sendTrigger(task, pending.id, pending.timestamp, pending.kind, stop);
    pending.triggered = true;
    this.completeIfReady(pending);
  }

  private completeIfReady(pending: Pending): void {
    if (!pending.triggered || pending.hooksPending > 0 || pending.notYetAcked.size > 0 || pending.finalizing) return;
    pending.finalizing = true;
    const metadata: CheckpointMetadata = {
      version: 1,
      ...this.gateway.metadataBase(),
      checkpointId: pending.id,
      timestamp: pending.timestamp,
      kind: pending.kind,
      tasks: [...pending.acks.values()].map((a) => a.entry),
      coordinators: pending.coordinators,
      hooks: pending.hookData,
    };
    this.mailbox.whenDone(
      CheckpointStorage.writeMetadata(pending.dir, metadata),
      (_ok, error) => {
        if (this.pending.get(pending.id) !== pending) {
          this.remove(pending.dir);
          return;
        }
        if (error !== undefined) {
          this.abort(pending.id, 'io', `writing its _metadata failed: ${(error as Error).message}`);
          return;
        }
        this.complete(pending, metadata);
      },
      `metadata of checkpoint ${pending.id}`,
    );
  }

  private complete(pending: Pending, metadata: CheckpointMetadata): void {
    if (pending.savepoint !== undefined) {
      // Still finalizing while it moves: an abort now leaves the folder to the move's end.
      const target = path.join(pending.savepoint.targetDir, `savepoint-${metadata.jobId.slice(0, 8)}-${pending.id}`);
      this.mailbox.whenDone(
        moveDirectory(pending.dir, target),
        (_ok, error) => {
          if (this.pending.get(pending.id) !== pending) {
            this.remove(target);
            return;
          }
          if (error !== undefined) {
            this.abort(pending.id, 'io', `moving the savepoint to ${target} failed: ${(error as Error).message}`);
            return;
          }
          pending.cancelTimeout();
          this.pending.delete(pending.id);
          const stats = this.emitStats(pending, 'COMPLETED', undefined, target);
          pending.onDone?.(stats);
          this.gateway.notifyComplete(pending.id, pending.savepoint?.stop ?? false, this.isFinal(pending.id));
          this.notifyIfStopped();
        },
        `move savepoint ${pending.id}`,
      );
      return;
    }
    pending.cancelTimeout();
    this.pending.delete(pending.id);
    this.completed.push({ id: pending.id, dir: pending.dir, metadata });
    this.lastCompletionAt = this.mailbox.clock.now();
    this.lastSuccessfulId = pending.id;
    this.countedFailures.clear();
    // Tasks acknowledge in checkpoint order: no late acknowledgement of an older aborted checkpoint can come now.
    for (const id of this.aborted) if (id < pending.id) this.aborted.delete(id);
    const stats = this.emitStats(pending, 'COMPLETED');
    pending.onDone?.(stats);
    for (const older of [...this.pending.values()]) {
      if (older.id < pending.id) this.abort(older.id, 'subsumed', `checkpoint ${pending.id} completed first`);
    }
    this.gateway.notifyComplete(pending.id, false, this.isFinal(pending.id));
    while (this.completed.length > this.config.retained) {
      const removed = this.completed.shift()!;
      this.remove(removed.dir);
    }
    this.notifyIfStopped();
  }

  /** Milliseconds for durations: sub-millisecond when the clock has a precise source (the system clock does). */
  private elapsedNow(): number {
    const { clock } = this.mailbox;
    return clock.preciseNow?.() ?? clock.now();
  }

  /** A final checkpoint completed: the tasks finish after it; no more triggers are needed. */
  private isFinal(id: number): boolean {
    if (id < this.finalFromId) return false;
    this.finalRequested = false;
    return true;
  }

  private abort(id: number, reason: AbortReason, message: string): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    pending.cancelTimeout();
    this.pending.delete(id);
    this.aborted.add(id);
    // A checkpoint whose _metadata is being written loses its folder when that write settles, not under it.
    if (!pending.finalizing) this.remove(pending.dir);
    const stats = this.emitStats(pending, 'FAILED', message);
    pending.onDone?.(stats);
    this.gateway.notifyAborted(id);
    if (COUNTED.has(reason) && id > this.lastSuccessfulId && !this.countedFailures.has(id)) {
      this.countedFailures.add(id);
      if (this.countedFailures.size > this.config.tolerableFailures) {
        this.countedFailures.clear();
        this.gateway.failJob(
          new CheckpointFailuresExceededError(this.config.tolerableFailures, `checkpoint ${id}: ${message}`),
        );
      }
    }
  }

  private emitStats(
    pending: Pending,
    status: CheckpointStats['status'],
    failureReason?: string,
    location: string = pending.dir,
  ): CheckpointStats {
    const tasks = [...pending.acks.values()].map((a) => a.stats);
    const stats: CheckpointStats = {
      id: pending.id,
      kind: pending.kind,
      status,
      triggerTimestamp: pending.timestamp,
      endToEndDurationMs: status === 'COMPLETED' ? this.elapsedNow() - pending.started : undefined,
      acknowledged: pending.acks.size,
      total: pending.total,
      stateBytes: tasks.reduce((n, t) => n + t.stateBytes, 0),
      inFlightBytes: tasks.reduce((n, t) => n + t.inFlightBytes, 0),
      tasks,
      failureReason,
      location: status === 'COMPLETED' ? location : undefined,
    };
    this.onStats(stats);
    return stats;
  }
}
