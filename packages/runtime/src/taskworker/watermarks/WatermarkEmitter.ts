import {
  MAX_WATERMARK,
  MIN_WATERMARK,
  type TimestampAssigner,
  type WatermarkGenerator,
  type WatermarkOutput,
  type WatermarkStrategy,
} from '@dhara/core';
import type { ProcessingTimeService } from '../../state/index.ts';
import { Periodic } from './Periodic.ts';

/** Where stamped records, watermarks and idleness go. */
export interface StampedOutput {
  emit(value: unknown, timestamp: number | undefined): void;
  emitWatermark(watermark: number): void;
  emitWatermarkStatus(idle: boolean): void;
}

/**
 * Applies a watermark strategy to a stream: stamps each record with its event timestamp, feeds the generator, emits
 * its watermarks (never backwards) and idle/active changes, and calls its periodic emit on the task's clock. Used by
 * source tasks and by `assignTimestampsAndWatermarks`.
 */
export class WatermarkEmitter {
  private readonly generator: WatermarkGenerator<unknown> | undefined;
  private readonly assigner: TimestampAssigner<unknown> | undefined;
  private readonly watermarkOutput: WatermarkOutput;
  private current = MIN_WATERMARK;
  private idle = false;
  private readonly periodic: Periodic;

  constructor(
    strategy: WatermarkStrategy<unknown>,
    private readonly output: StampedOutput,
    time: ProcessingTimeService,
    intervalMs: number,
  ) {
    this.assigner = strategy.timestampAssigner;
    this.generator = strategy.createGenerator({ now: () => time.now() });
    this.periodic = new Periodic(time, intervalMs, () => this.generator?.onPeriodicEmit(this.watermarkOutput));
    this.watermarkOutput = {
      emitWatermark: (watermark) => this.emitWatermark(watermark),
      markIdle: () => this.setIdle(true),
      markActive: () => this.setIdle(false),
    };
  }

  /** Starts the periodic emit. */
  start(): void {
    if (this.generator !== undefined) this.periodic.start();
  }

  collect(value: unknown, recordTimestamp: number | undefined): void {
    const timestamp = this.assigner === undefined ? recordTimestamp : this.assigner(value, recordTimestamp);
    // The record first, then the generator (as Flink): a watermark it emits for this record must not overtake it.
    this.output.emit(value, timestamp);
    this.generator?.onEvent(value, timestamp ?? MIN_WATERMARK, this.watermarkOutput);
  }

  /** The input is over: event time jumps to the end, so every window and timer downstream fires. */
  endOfInput(): void {
    this.stop();
    this.emitWatermark(MAX_WATERMARK);
  }

  stop(): void {
    this.periodic.stop();
  }

  private emitWatermark(watermark: number): void {
    if (watermark <= this.current) return;
    this.current = watermark;
    if (this.idle) this.setIdle(false);
    this.output.emitWatermark(watermark);
  }

  private setIdle(idle: boolean): void {
    if (idle === this.idle) return;
    this.idle = idle;
    this.output.emitWatermarkStatus(idle);
  }
}
