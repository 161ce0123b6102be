/**
 * The events written in one synchronous burst share one promise: it resolves when all of them are durable (or
 * rejects with the first failure). Keeps the per-event cost of `writeEvent` to a counter increment.
 */
export class AckGroup {
  remaining = 0;
  settled = false;
  readonly promise: Promise<void>;
  private resolveFn!: () => void;
  private rejectFn!: (e: Error) => void;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
    // A failed write is reported to whoever awaits it (writeEvent or flush); never as an unhandled rejection.
    this.promise.catch(() => {});
  }

  ack(): void {
    if (--this.remaining === 0 && !this.settled) {
      this.settled = true;
      this.resolveFn();
    }
  }

  fail(e: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.rejectFn(e);
  }
}
