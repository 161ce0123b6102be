import type { ProcessingTimeService } from '../../state/index.ts';

/** Runs an action every `intervalMs` of the task's processing time, as task mail, until stopped. */
export class Periodic {
  private cancel: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly time: ProcessingTimeService,
    private readonly intervalMs: number,
    private readonly action: () => void,
  ) {}

  start(): void {
    if (this.stopped) return;
    this.cancel = this.time.registerTimer(this.time.now() + this.intervalMs, () => {
      this.action();
      this.start();
    });
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }
}
