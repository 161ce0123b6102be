import type { CheckpointConfig } from '@dhara/core';
import type { CancelTimer, Mailbox } from '../../mailbox/index.ts';
import type { CheckpointStats } from './CheckpointStats.ts';
import type { PendingCheckpoint, SavepointTarget } from './PendingCheckpoint.ts';

/** How often a savepoint request or a final checkpoint that cannot be triggered yet is tried again. */
const TRIGGER_RETRY_MS = 20;

/** One request to trigger a checkpoint or a savepoint. */
export interface CheckpointRequest {
  readonly kind: 'checkpoint' | 'savepoint';
  /** From the schedule: it waits for `maxConcurrent` and `minPause`; the others (as in Flink) do not. */
  readonly periodic: boolean;
  readonly onDone: ((stats: CheckpointStats) => void) | undefined;
  readonly savepoint: SavepointTarget | undefined;
}

/**
 * When a checkpoint may start (Flink's CheckpointRequestDecider, with the periodic schedule). Nothing starts while
 * another is still triggering; a periodic request also waits for fewer than `maxConcurrent` pending and `minPause`
 * since the last completion. A request that cannot go now: a periodic one is dropped (the next period brings
 * another), a savepoint request is tried again until the checkpoint timeout, and the final checkpoint (FLIP-147) is
 * requested again until one completes.
 */
export class CheckpointRequestDecider {
  private running = false;
  private cancelPeriodic: CancelTimer | undefined;
  private lastCompletionAt = Number.NEGATIVE_INFINITY;
  /** Every task ended its input: a checkpoint is (re)triggered until one completes, so the tasks can finish. */
  private finalRequested = false;
  /** Checkpoints from this id on were triggered after every task's input ended: each is a final checkpoint. */
  private finalFromId = Number.POSITIVE_INFINITY;
  /**
   * A final checkpoint completed: every task finishes now, so nothing more is triggered (a checkpoint started then
   * would be aborted as its tasks end, and reported failed). A restart starts the schedule again.
   */
  private finalCompleted = false;

  constructor(
    private readonly config: CheckpointConfig,
    private readonly mailbox: Mailbox,
    private readonly pending: ReadonlyMap<number, PendingCheckpoint>,
    /** The coordinator's trigger: asks `admits`, then starts the checkpoint if every task runs; false if not. */
    private readonly trigger: (request: CheckpointRequest) => boolean,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the periodic schedule (if an interval is set). */
  start(): void {
    this.running = true;
    this.finalRequested = false;
    this.finalFromId = Number.POSITIVE_INFINITY;
    this.finalCompleted = false;
    if (this.config.intervalMs > 0) this.schedulePeriodic();
  }

  /** Nothing is triggered any more, and waiting requests give up. */
  stop(): void {
    this.running = false;
    this.finalRequested = false;
    this.cancelPeriodic?.();
    this.cancelPeriodic = undefined;
  }

  admits(request: CheckpointRequest): boolean {
    const now = this.mailbox.clock.now();
    if (!this.running || this.finalCompleted) return false;
    if ([...this.pending.values()].some((p) => !p.isTriggered)) return false;
    if (request.periodic && this.pending.size >= this.config.maxConcurrent) return false;
    if (request.periodic && now < this.lastCompletionAt + this.config.minPauseMs) return false;
    return true;
  }

  /** A checkpoint (not a savepoint) completed: `minPause` counts from now. */
  checkpointCompleted(): void {
    this.lastCompletionAt = this.mailbox.clock.now();
  }

  /** A savepoint request: triggered now if it may go, else retried until it can or its timeout has passed. */
  requestSavepoint(request: CheckpointRequest, onRefused: () => void): boolean {
    if (!this.running) return false;
    if (this.trigger(request)) return true;
    // Not now (tasks still deploying, another checkpoint still triggering): the request waits, as Flink queues it,
    // until it can go or its timeout has passed.
    const deadline = this.mailbox.clock.now() + this.config.timeoutMs;
    const retry = (): void => {
      if (!this.running || this.mailbox.clock.now() > deadline) {
        onRefused();
        return;
      }
      if (!this.trigger(request)) this.mailbox.schedule(TRIGGER_RETRY_MS, retry, 'savepoint request retry');
    };
    this.mailbox.schedule(TRIGGER_RETRY_MS, retry, 'savepoint request retry');
    return true;
  }

  /**
   * Every task reached the end of its input: checkpoints from `nextId` on are final. Triggers one now, outside the
   * schedule, and again after a failure (or while a trigger is refused), until one completes.
   */
  requestFinal(nextId: number): void {
    if (this.finalRequested || !this.running) return;
    this.finalRequested = true;
    this.finalFromId = nextId;
    const attempt = (): void => {
      if (!this.finalRequested || !this.running) return;
      let retrying = false;
      const retryLater = (): void => {
        if (retrying) return;
        retrying = true;
        this.mailbox.schedule(TRIGGER_RETRY_MS, attempt, 'final checkpoint retry');
      };
      const triggered = this.trigger({
        kind: 'checkpoint',
        periodic: false,
        onDone: (stats) => {
          if (stats.status !== 'COMPLETED') retryLater();
        },
        savepoint: undefined,
      });
      if (!triggered) retryLater();
    };
    attempt();
  }

  /** Whether a checkpoint that just completed is final (the tasks finish after it); if so no more are requested. */
  isFinal(id: number): boolean {
    if (id < this.finalFromId) return false;
    this.finalRequested = false;
    this.finalCompleted = true;
    this.cancelPeriodic?.();
    this.cancelPeriodic = undefined;
    return true;
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
        this.trigger({ kind: 'checkpoint', periodic: true, onDone: undefined, savepoint: undefined });
        this.schedulePeriodic();
      },
      'periodic checkpoint trigger',
    );
  }
}
