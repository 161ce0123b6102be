/**
 * Wakes a task loop that waits for anything: a frame, a credit, mail, a source becoming available. A notify that
 * comes while the loop is busy is remembered, so the next wait returns at once and the loop looks again.
 */
export class WakeSignal {
  private notified = false;
  private resolve: (() => void) | undefined;

  notify(): void {
    const resolve = this.resolve;
    if (resolve === undefined) {
      this.notified = true;
      return;
    }
    this.resolve = undefined;
    resolve();
  }

  wait(): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.resolve = resolve;
    });
  }
}
