import type { CancelTimer, Clock } from './Clock.ts';
import { systemClock } from './Clock.ts';

/** Mail of a higher priority (a lower number) runs before any mail of a lower one; FIFO within a priority. */
export const MailPriority = {
  /** Cancellation, failure reports: before anything else. */
  CONTROL: 0,
  DEFAULT: 1,
  /** Periodic housekeeping (metrics). */
  LOW: 2,
} as const;
export type MailPriority = (typeof MailPriority)[keyof typeof MailPriority];

interface Mail {
  readonly action: () => void;
  readonly description: string;
}

export interface MailboxOptions {
  readonly name: string;
  readonly clock?: Clock | undefined;
  /** 'auto' drains the mailbox on the event loop after each send; 'manual' only when `runOne`/`runAll` are called. */
  readonly drive?: 'auto' | 'manual';
  /** Called with a mail's exception; the mailbox goes on with the next mail. Without it, the exception is rethrown. */
  readonly onError?: (error: unknown, description: string) => void;
}

/** How many mails an automatic drain runs before it lets the event loop in (I/O, timers, worker messages). */
const MAILS_PER_TURN = 512;

/**
 * A single-threaded mailbox: one queue of actions, each run to completion before the next starts. State owned by the
 * mailbox is only touched by its mails, so timers, replies and I/O completions must come back as mail (`send`,
 * `schedule`, `whenDone`), never touch the state directly. An action cannot run another mail inside itself.
 */
export class Mailbox {
  readonly clock: Clock;
  private readonly queues: Mail[][] = [[], [], []];
  private running = false;
  private closed = false;
  private drainScheduled = false;
  private readonly timers = new Set<CancelTimer>();

  constructor(private readonly options: MailboxOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get name(): string {
    return this.options.name;
  }

  get size(): number {
    return this.queues.reduce((n, q) => n + q.length, 0);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Enqueues an action. Mail sent to a closed mailbox is dropped: its owner is gone. */
  send(action: () => void, description: string, priority: MailPriority = MailPriority.DEFAULT): void {
    if (this.closed) return;
    this.queues[priority]!.push({ action, description });
    if (this.options.drive !== 'manual') this.scheduleDrain();
  }

  /** Runs `action` as mail after `delayMs` on the mailbox's clock. */
  schedule(delayMs: number, action: () => void, description: string): CancelTimer {
    // A closed mailbox takes no mail: a timer for it would only keep the thread alive.
    if (this.closed) return () => {};
    let cancelTimer: CancelTimer = () => {};
    const cancel = (): void => {
      cancelTimer();
      this.timers.delete(cancel);
    };
    cancelTimer = this.clock.setTimer(delayMs, () => {
      this.timers.delete(cancel);
      this.send(action, description);
    });
    this.timers.add(cancel);
    return cancel;
  }

  /** Runs `onSettled` as mail once `promise` settles: the way async work reports back. */
  whenDone<T>(
    promise: Promise<T>,
    onSettled: (result: T | undefined, error: unknown) => void,
    description: string,
  ): void {
    promise.then(
      (result) => this.send(() => onSettled(result, undefined), description),
      (error: unknown) => this.send(() => onSettled(undefined, error ?? new Error('rejected')), description),
    );
  }

  /** Runs the first mail of the highest priority; false when there was none. */
  runOne(): boolean {
    if (this.running) {
      throw new Error(`mailbox ${this.options.name}: a mail tried to run other mail inside itself`);
    }
    const mail = this.take();
    if (mail === undefined) return false;
    this.running = true;
    try {
      mail.action();
    } catch (error) {
      if (this.options.onError === undefined) throw error;
      this.options.onError(error, mail.description);
    } finally {
      this.running = false;
    }
    return true;
  }

  /** Runs mail until none is left (including mail sent meanwhile); returns how many ran. */
  runAll(limit = Number.POSITIVE_INFINITY): number {
    let count = 0;
    while (count < limit && this.runOne()) count++;
    return count;
  }

  /** Stops accepting mail, drops what is queued, and cancels scheduled timers. */
  close(): void {
    this.closed = true;
    for (const q of this.queues) q.length = 0;
    for (const cancel of [...this.timers]) cancel();
  }

  private take(): Mail | undefined {
    for (const q of this.queues) {
      if (q.length > 0) return q.shift();
    }
    return undefined;
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.running) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      if (this.closed) return;
      this.runAll(MAILS_PER_TURN);
      if (this.size > 0) this.scheduleDrain();
    });
  }
}
