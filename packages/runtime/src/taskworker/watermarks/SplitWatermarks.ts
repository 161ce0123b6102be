import {
  MAX_WATERMARK,
  MIN_WATERMARK,
  type ReaderOutput,
  type SourceOutput,
  type TimestampAssigner,
  type WatermarkGenerator,
  type WatermarkOutput,
  type WatermarkStrategy,
} from '@dhara/core';
import type { TaskMetrics } from '../../metrics/index.ts';
import type { ProcessingTimeService } from '../../state/index.ts';
import { Periodic } from './Periodic.ts';
import type { StampedOutput } from './WatermarkEmitter.ts';

/** One split's own generator and where its watermark stands. */
interface SplitClock {
  readonly generator: WatermarkGenerator<unknown> | undefined;
  readonly output: WatermarkOutput;
  watermark: number;
  idle: boolean;
}

/** Records collected on the reader output itself, not on a split's output, count as this one implicit split. */
const READER_ITSELF = '\u0000reader';

/**
 * A source reader's watermarks, per split (Flink's ProgressiveTimestampsAndWatermarks): each split gets its own
 * generator from the watermark strategy; the reader's watermark is the minimum over its active splits and never goes
 * backwards; a split that goes idle stops holding it back; a reader whose splits are all idle, or that has none, is
 * idle downstream. The periodic emit runs every auto-watermark interval as task mail. The reader's watermark is the
 * task's watermark in its metrics.
 */
export class SplitWatermarks {
  private readonly splits = new Map<string, SplitClock>();
  private readonly outputs = new Map<string, SourceOutput<unknown>>();
  private readonly assigner: TimestampAssigner<unknown> | undefined;
  private combined = MIN_WATERMARK;
  private idle = false;
  private readonly periodic: Periodic;

  constructor(
    private readonly strategy: WatermarkStrategy<unknown>,
    private readonly output: StampedOutput,
    private readonly time: ProcessingTimeService,
    intervalMs: number,
    private readonly metrics: TaskMetrics,
  ) {
    this.assigner = strategy.timestampAssigner;
    this.periodic = new Periodic(time, intervalMs, () => {
      for (const clock of [...this.splits.values()]) clock.generator?.onPeriodicEmit(clock.output);
      this.recombine();
    });
  }

  /** The reader's watermark so far. */
  get currentWatermark(): number {
    return this.combined;
  }

  get isIdle(): boolean {
    return this.idle;
  }

  /** The output handed to the reader's pollNext; `onRecord` counts each record. */
  readerOutput(onRecord: () => void): ReaderOutput<unknown> {
    // The reader itself counts as a split only once it emits: a reader that has emitted nothing and holds no split
    // output is idle.
    const itself = this.splitOutput(() => this.clockOf(READER_ITSELF), onRecord);
    return {
      collect: (value, timestamp) => itself.collect(value, timestamp),
      createOutputForSplit: (splitId) => {
        let output = this.outputs.get(splitId);
        if (output === undefined) {
          // A split counts from the moment its output exists: an empty split holds the watermark back (until its
          // generator marks it idle).
          const clock = this.clockOf(splitId);
          output = this.splitOutput(() => clock, onRecord);
          this.outputs.set(splitId, output);
        }
        return output;
      },
      releaseOutputForSplit: (splitId) => {
        this.outputs.delete(splitId);
        if (this.splits.delete(splitId)) this.recombine();
      },
    };
  }

  start(): void {
    if (this.strategy.hasWatermarks) this.periodic.start();
  }

  /** The input is over: event time jumps to the end, so every window and timer downstream fires. */
  endOfInput(): void {
    this.stop();
    if (this.idle) this.setIdle(false);
    if (MAX_WATERMARK > this.combined) this.advanceTo(MAX_WATERMARK);
  }

  stop(): void {
    this.periodic.stop();
  }

  private splitOutput(clockOf: () => SplitClock, onRecord: () => void): SourceOutput<unknown> {
    const assigner = this.assigner;
    const output = this.output;
    let clock: SplitClock | undefined;
    return {
      collect: (value, recordTimestamp) => {
        onRecord();
        clock ??= clockOf();
        const timestamp = assigner === undefined ? recordTimestamp : assigner(value, recordTimestamp);
        // The record first, then the generator: a watermark it emits for this record must not overtake it.
        output.emit(value, timestamp);
        clock.generator?.onEvent(value, timestamp ?? MIN_WATERMARK, clock.output);
      },
    };
  }

  private clockOf(splitId: string): SplitClock {
    const existing = this.splits.get(splitId);
    if (existing !== undefined) return existing;
    const generator = this.strategy.createGenerator({ now: () => this.time.now() });
    const self = this;
    const created: SplitClock = {
      generator,
      watermark: MIN_WATERMARK,
      idle: false,
      output: {
        emitWatermark(watermark) {
          if (watermark <= created.watermark && !created.idle) return;
          created.watermark = Math.max(created.watermark, watermark);
          created.idle = false;
          self.recombine();
        },
        markIdle() {
          if (created.idle) return;
          created.idle = true;
          self.recombine();
        },
        markActive() {
          if (!created.idle) return;
          created.idle = false;
          self.recombine();
        },
      },
    };
    this.splits.set(splitId, created);
    return created;
  }

  private recombine(): void {
    if (!this.strategy.hasWatermarks) return;
    let minimum = MAX_WATERMARK;
    let active = 0;
    for (const clock of this.splits.values()) {
      if (clock.idle) continue;
      active++;
      if (clock.watermark < minimum) minimum = clock.watermark;
    }
    if (active === 0) {
      this.setIdle(true);
      return;
    }
    this.setIdle(false);
    if (minimum > this.combined) this.advanceTo(minimum);
  }

  private advanceTo(watermark: number): void {
    this.combined = watermark;
    this.metrics.watermark = watermark;
    this.output.emitWatermark(watermark);
  }

  private setIdle(idle: boolean): void {
    if (idle === this.idle) return;
    this.idle = idle;
    this.output.emitWatermarkStatus(idle);
  }
}
