import { MAX_WATERMARK, type WatermarkStrategy } from '@dhara/core';
import { WatermarkEmitter } from '../watermarks/index.ts';
import { BaseOperator, type OperatorContext } from './StreamOperator.ts';

/**
 * `assignTimestampsAndWatermarks`: stamps records and emits its own watermarks. Watermarks from upstream are
 * replaced, except the final maximum one, which still ends event time (as Flink's TimestampsAndWatermarksOperator).
 */
export class TimestampsAndWatermarksOperator extends BaseOperator {
  private readonly emitter: WatermarkEmitter;

  constructor(context: OperatorContext, strategy: WatermarkStrategy<unknown>) {
    super(context);
    this.emitter = new WatermarkEmitter(strategy, context.output, context.time, context.autoWatermarkIntervalMs);
  }

  override open(): void {
    this.emitter.start();
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.emitter.collect(value, timestamp);
  }

  override processWatermark(watermark: number): void {
    if (watermark === MAX_WATERMARK) this.emitter.endOfInput();
  }

  override processWatermarkStatus(): void {}

  override close(): void {
    this.emitter.stop();
  }
}
