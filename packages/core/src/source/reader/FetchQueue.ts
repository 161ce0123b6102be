/**
 * The bounded hand-over between split fetchers (async loops) and the task that polls the reader. A fetcher's `put`
 * waits while the queue is full, which pauses its fetching: that is how backpressure from the task reaches the I/O.
 * The task side never waits: it polls, and when the queue is empty it waits on `availability()`, which resolves on
 * the next put or `notifyAvailable()` (no more splits, a fetcher error, a fetcher that went idle).
 */
export class FetchQueue<T> {
  private readonly items: T[] = [];
  private readonly waitingPutters: (() => void)[] = [];
  private available: { promise: Promise<void>; resolve: () => void } | undefined;
  private closed = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`the fetch queue capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** Enqueues once there is room; resolves `false` without enqueueing if the queue closed while waiting. */
  async put(item: T): Promise<boolean> {
    while (this.items.length >= this.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.waitingPutters.push(resolve));
    }
    if (this.closed) return false;
    this.items.push(item);
    this.notifyAvailable();
    return true;
  }

  poll(): T | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.waitingPutters.shift()?.();
    return item;
  }

  /** Resolves at once when something is queued, else at the next put or notifyAvailable(). */
  availability(): Promise<void> {
    if (this.items.length > 0 || this.closed) return Promise.resolve();
    if (this.available === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.available = { promise, resolve };
    }
    return this.available.promise;
  }

  /** Wakes whoever waits on availability(), e.g. because the reader's state changed without a new batch. */
  notifyAvailable(): void {
    const available = this.available;
    this.available = undefined;
    available?.resolve();
  }

  /** Releases waiting putters (their put resolves false) and waiters; drops what is queued. */
  close(): void {
    this.closed = true;
    this.items.length = 0;
    for (const resolve of this.waitingPutters.splice(0)) resolve();
    this.notifyAvailable();
  }
}
