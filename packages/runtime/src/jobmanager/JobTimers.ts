import type { CancelTimer, Mailbox } from '../mailbox/index.ts';

/** A job's timers on the job manager's mailbox, all cancelled together when the job terminates. */
export class JobTimers {
  private readonly timers = new Set<CancelTimer>();

  constructor(
    private readonly mailbox: Mailbox,
    private readonly description: string,
  ) {}

  after(delayMs: number, action: () => void): void {
    const cancel = this.mailbox.schedule(
      delayMs,
      () => {
        this.timers.delete(cancel);
        action();
      },
      this.description,
    );
    this.timers.add(cancel);
  }

  /** Runs `action` every period for as long as `whileTrue` holds after it. */
  every(periodMs: number, action: () => void, whileTrue: () => boolean): void {
    this.after(periodMs, () => {
      action();
      if (whileTrue()) this.every(periodMs, action, whileTrue);
    });
  }

  cancelAll(): void {
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }
}
