/** Where a watermark generator puts its watermarks and idleness. */
export interface WatermarkOutput {
  /** Event time has reached `timestamp`: no record with a timestamp at or below it should follow. */
  emitWatermark(timestamp: number): void;
  /** This input has no data for now: downstream stops waiting for its watermark. */
  markIdle(): void;
  /** This input has data again. */
  markActive(): void;
}

/**
 * Makes watermarks from the events it sees (`onEvent`, for punctuated watermarks) and periodically (`onPeriodicEmit`,
 * every auto-watermark interval, 200 ms by default).
 */
export interface WatermarkGenerator<T> {
  onEvent(event: T, timestamp: number, output: WatermarkOutput): void;
  onPeriodicEmit(output: WatermarkOutput): void;
}

/** What a generator gets when it is made: the task's clock, for idleness. */
export interface WatermarkGeneratorContext {
  /** Processing time in milliseconds, from the task's clock. */
  now(): number;
}

/** The lowest and highest watermarks: nothing has happened yet / the input is over. */
export const MIN_WATERMARK = Number.NEGATIVE_INFINITY;
export const MAX_WATERMARK = Number.POSITIVE_INFINITY;

/**
 * Emits the highest timestamp seen minus the bound minus 1 (Flink's BoundedOutOfOrdernessWatermarks): an event may
 * be up to `maxOutOfOrdernessMs` older than the newest one without being late.
 */
export class BoundedOutOfOrdernessGenerator<T> implements WatermarkGenerator<T> {
  private maxTimestamp = MIN_WATERMARK;

  constructor(private readonly maxOutOfOrdernessMs: number) {}

  onEvent(_event: T, timestamp: number): void {
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.maxTimestamp !== MIN_WATERMARK) output.emitWatermark(this.maxTimestamp - this.maxOutOfOrdernessMs - 1);
  }
}

/**
 * Wraps a generator: when no event arrived for `idleTimeoutMs` of processing time, the input is marked idle until
 * the next event (Flink's WatermarksWithIdleness). As in Flink, inactivity is measured from the first periodic emit
 * that saw no new event, so the watermark of the last events always goes out before the input goes idle.
 */
export class IdlenessGenerator<T> implements WatermarkGenerator<T> {
  private events = 0;
  private eventsAtLastCheck = 0;
  private inactiveSince: number | undefined;
  private idle = false;

  constructor(
    private readonly inner: WatermarkGenerator<T>,
    private readonly idleTimeoutMs: number,
    private readonly context: WatermarkGeneratorContext,
  ) {}

  onEvent(event: T, timestamp: number, output: WatermarkOutput): void {
    this.events++;
    if (this.idle) {
      this.idle = false;
      output.markActive();
    }
    this.inner.onEvent(event, timestamp, output);
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.isIdle()) {
      if (!this.idle) {
        this.idle = true;
        output.markIdle();
      }
      return;
    }
    this.inner.onPeriodicEmit(output);
  }

  private isIdle(): boolean {
    if (this.events !== this.eventsAtLastCheck) {
      this.eventsAtLastCheck = this.events;
      this.inactiveSince = undefined;
      return false;
    }
    if (this.inactiveSince === undefined) {
      this.inactiveSince = this.context.now();
      return false;
    }
    return this.context.now() - this.inactiveSince >= this.idleTimeoutMs;
  }
}
