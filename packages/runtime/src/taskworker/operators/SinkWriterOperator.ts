import { listState, type Sink, type SinkWriteContext, type SinkWriter } from '@dhara/core';
import type { OperatorSnapshot } from '../../checkpoint/index.ts';
import { BaseOperator, type OperatorContext } from './StreamOperator.ts';

function isPromise(value: unknown): value is Promise<void> {
  return typeof (value as Promise<void> | undefined)?.then === 'function';
}

interface Unwritten {
  readonly value: unknown;
  readonly timestamp: number | undefined;
}

/** Records the operator took but had not handed to the writer yet when a checkpoint was taken. */
const UNWRITTEN = listState<Unwritten>('dhara.sink.unwritten');

/**
 * Feeds a sink writer. A writer's calls happen one at a time, in order: while a write's promise is pending, the
 * records the chain keeps pushing queue here (at most what one input batch produces, since the task waits on
 * `pending()` before it takes the next batch — unless an unaligned barrier overtakes that wait).
 *
 * On a barrier the writer is flushed right after the write in progress; records still queued then are stored in the
 * checkpoint (as an unaligned checkpoint stores in-flight input) and written again first after a restore, so the
 * checkpoint never waits for a backlog of slow writes and nothing taken before it is lost (at least once).
 */
export class SinkWriterOperator extends BaseOperator {
  private writer: SinkWriter<unknown> | undefined;
  private inFlight: Promise<void> | undefined;
  /** Records to write, and flushes requested by barriers, in order. */
  private readonly queue: (Unwritten | { readonly flushed: () => void; readonly failed: (e: unknown) => void })[] = [];
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
    const { runtime, operatorState } = this.context;
    this.writer = await this.sink.createWriter({
      jobName: runtime.jobName,
      operatorUid: runtime.operatorUid,
      subtaskIndex: runtime.subtaskIndex,
      parallelism: runtime.parallelism,
      attemptNumber: runtime.attemptNumber,
    });
    // What the restored checkpoint had taken but not written: first, in order.
    for (const record of operatorState.getListState(UNWRITTEN).get()) {
      const result = this.write(record.value, record.timestamp);
      if (isPromise(result)) await result;
    }
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

  /** `flush(false)` after the write in progress; the acknowledgement waits for it, the barrier does not. */
  override prepareSnapshotPreBarrier(_checkpointId: number): Promise<void> | undefined {
    if (this.inFlight === undefined) {
      const flushed = this.writer!.flush(false);
      return isPromise(flushed) ? flushed : undefined;
    }
    return new Promise<void>((flushed, failed) => this.queue.unshift({ flushed, failed }));
  }

  override snapshotState(checkpointId: number): OperatorSnapshot | undefined {
    const unwritten = this.queue.filter((entry): entry is Unwritten => !('flushed' in entry));
    this.context.operatorState.getListState(UNWRITTEN).update(unwritten);
    return super.snapshotState(checkpointId);
  }

  private write(value: unknown, timestamp: number | undefined): void | Promise<void> {
    this.writeContext.timestamp = timestamp;
    return this.writer!.write(value, this.writeContext as SinkWriteContext);
  }

  private async drainAfter(first: Promise<void>): Promise<void> {
    await first;
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      if ('flushed' in next) {
        try {
          await this.writer!.flush(false);
          next.flushed();
        } catch (error) {
          next.failed(error);
          throw error;
        }
        continue;
      }
      const result = this.write(next.value, next.timestamp);
      if (isPromise(result)) await result;
    }
    this.inFlight = undefined;
  }
}
