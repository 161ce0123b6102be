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

  /**
   * Waits for a notify or for `other` to settle, whichever comes first. When `other` wins, the waiter is withdrawn,
   * so a later notify is remembered for the next wait (not spent on a wait nobody is in).
   */
  waitOr(other: Promise<unknown>): Promise<'notified' | 'other'> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve('notified');
    }
    return new Promise((resolve) => {
      const waiter = (): void => resolve('notified');
      this.resolve = waiter;
      const otherSettled = (): void => {
        if (this.resolve !== waiter) return; // notified first
        this.resolve = undefined;
        resolve('other');
      };
      other.then(otherSettled, otherSettled);
    });
  }
}
