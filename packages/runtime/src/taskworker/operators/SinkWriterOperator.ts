import type { Sink, SinkWriteContext, SinkWriter } from '@dhara/core';
import { BaseOperator, type OperatorContext } from './StreamOperator.ts';

function isPromise(value: unknown): value is Promise<void> {
  return typeof (value as Promise<void> | undefined)?.then === 'function';
}

/**
 * Feeds a sink writer. A writer's calls happen one at a time, in order: while a write's promise is pending, the
 * records the chain keeps pushing queue here (at most what one input batch produces, since the task waits on
 * `pending()` before it takes the next batch).
 */
export class SinkWriterOperator extends BaseOperator {
  private writer: SinkWriter<unknown> | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly queue: { value: unknown; timestamp: number | undefined }[] = [];
  private readonly writeContext = {
    timestamp: undefined as number | undefined,
    currentWatermark: Number.NEGATIVE_INFINITY,
  };

  constructor(
    context: OperatorContext,
    private readonly sink: Sink<unknown>,
  ) {
    super(context);
  }

  /** A sink is the end of the line: it notes the watermark for its writer's context and forwards nothing. */
  override processWatermark(watermark: number): void {
    this.writeContext.currentWatermark = watermark;
  }

  override processWatermarkStatus(): void {}

  override async open(): Promise<void> {
    const { runtime } = this.context;
    this.writer = await this.sink.createWriter({
      jobName: runtime.jobName,
      operatorUid: runtime.operatorUid,
      subtaskIndex: runtime.subtaskIndex,
      parallelism: runtime.parallelism,
      attemptNumber: runtime.attemptNumber,
    });
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    if (this.inFlight !== undefined) {
      this.queue.push({ value, timestamp });
      return;
    }
    const result = this.write(value, timestamp);
    if (isPromise(result)) this.inFlight = this.drainAfter(result);
  }

  override async endInput(): Promise<void> {
    await this.inFlight;
    await this.writer!.flush(true);
  }

  override async close(): Promise<void> {
    await this.inFlight;
    await this.writer?.close();
  }

  override pending(): Promise<void> | undefined {
    return this.inFlight;
  }

  private write(value: unknown, timestamp: number | undefined): void | Promise<void> {
    this.writeContext.timestamp = timestamp;
    return this.writer!.write(value, this.writeContext as SinkWriteContext);
  }

  private async drainAfter(first: Promise<void>): Promise<void> {
    await first;
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      const result = this.write(next.value, next.timestamp);
      if (isPromise(result)) await result;
    }
    this.inFlight = undefined;
  }
}
