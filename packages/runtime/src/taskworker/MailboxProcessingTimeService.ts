import { type CancelTimer, type Clock, type Mailbox, systemClock } from '../mailbox/index.ts';
import type { ProcessingTimeService } from '../state/index.ts';
import type { WakeSignal } from './input/index.ts';

/**
 * A task's processing time (Flink's ProcessingTimeService): operators' and watermark generators' timers, which fire
 * as mail between steps of the task loop. Also the wall clock of the barrier handler, whose timers run as mail too.
 */
export class MailboxProcessingTimeService implements ProcessingTimeService {
  private readonly timers = new Set<CancelTimer>();
  private quiesced = false;

  constructor(
    private readonly clock: Clock,
    private readonly mailbox: Mailbox,
    private readonly signal: WakeSignal,
  ) {}

  now(): number {
    return this.clock.now();
  }

  registerTimer(timestamp: number, callback: () => void): CancelTimer {
    const cancelClock = this.clock.setTimer(timestamp - this.clock.now(), () => {
      this.timers.delete(cancel);
      // Due timers fired at the end of input; later ones would emit after the end of data.
      if (this.quiesced) return;
      this.mailbox.send(callback, 'processing-time timer');
      this.signal.notify();
    });
    const cancel = (): void => {
      cancelClock();
      this.timers.delete(cancel);
    };
    this.timers.add(cancel);
    return cancel;
  }

  /** The end of data went downstream: timers that come due from now on no longer fire (Flink's quiesce). */
  quiesce(): void {
    this.quiesced = true;
  }

  /** The task is gone: every timer still registered is cancelled. */
  cancelAll(): void {
    for (const cancel of [...this.timers]) cancel();
  }

  /** Wall-clock time (as barrier timestamps), with timers that run as mail (the aligned checkpoint timeout). */
  wallClock(): Clock {
    return {
      now: () => systemClock.now(),
      setTimer: (delayMs, callback) =>
        systemClock.setTimer(delayMs, () => {
          this.mailbox.send(callback, 'aligned checkpoint timeout');
          this.signal.notify();
        }),
    };
  }
}
