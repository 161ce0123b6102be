import {
  InputStatus,
  type ReaderOutput,
  type SourceReader,
  type StreamNode,
  type WatermarkStrategy,
} from '@dhara/core';
import { attributeTo } from '../errors/index.ts';
import type { TaskMetrics } from '../metrics/index.ts';
import {
  type FrameCodec,
  FrameType,
  type InputGate,
  type PolledFrame,
  StatusWatermarkValve,
} from '../network/index.ts';
import type { ProcessingTimeService } from '../state/index.ts';
import type { BarrierHandler } from './checkpointing/index.ts';
import type { Output } from './operators/index.ts';
import { RecordBatchCursor } from './RecordBatchCursor.ts';
import type { WakeSignal } from './WakeSignal.ts';
import { SplitWatermarks } from './watermarks/index.ts';

/** What one step of the task's default action found. */
export type StepResult = 'progress' | 'idle' | 'ended';

/** The default action's input: a source reader, or the network input gate. */
export interface TaskInput {
  start(): void;
  step(): StepResult;
  /** Takes a priority (unaligned) barrier, which must not wait while output is backpressured; false if none. */
  stepUrgent?(): boolean;
  stop(): void;
}

type Emit = (value: unknown, timestamp: number | undefined, inputIndex: 0 | 1) => void;

/** An output that also records the watermark it passes on, for the task's metrics. */
function metered(output: Output, metrics: TaskMetrics): Output {
  return {
    ...output,
    emitWatermark(watermark) {
      metrics.watermark = watermark;
      output.emitWatermark(watermark);
    },
  };
}

/**
 * Polls a source reader; when it has nothing, waits on its availability promise instead of spinning. Records get
 * their event timestamps and watermarks per split (SplitWatermarks); at the end of input the maximum watermark goes
 * out, so every window and timer downstream fires. With watermark alignment, a reader whose watermark is ahead of
 * what the coordinator allows stops polling until the allowance moves.
 */
export class SourceInput implements TaskInput {
  private waiting = false;
  /** Set while an externally induced checkpoint waits for its trigger: no polling until then. */
  blocked = false;
  /** The highest watermark this reader may reach (watermark alignment); no limit without alignment. */
  maxAllowedWatermark = Number.POSITIVE_INFINITY;
  private readonly output: ReaderOutput<unknown>;
  readonly watermarks: SplitWatermarks;

  constructor(
    private readonly reader: SourceReader<unknown, any>,
    private readonly node: StreamNode,
    strategy: WatermarkStrategy<unknown>,
    sourceOutput: Output,
    private readonly signal: WakeSignal,
    metrics: TaskMetrics,
    time: ProcessingTimeService,
    autoWatermarkIntervalMs: number,
    private readonly afterPoll: () => void,
    countRecord: () => void,
  ) {
    this.watermarks = new SplitWatermarks(strategy, metered(sourceOutput, metrics), time, autoWatermarkIntervalMs);
    this.output = this.watermarks.readerOutput(() => {
      metrics.recordsIn++;
      countRecord();
    });
  }

  start(): void {
    this.watermarks.start();
  }

  /** Waiting for watermark alignment: ahead of the allowance, and not idle (an idle reader holds nobody back). */
  get aheadOfAlignment(): boolean {
    return this.watermarks.currentWatermark > this.maxAllowedWatermark;
  }

  /** Stop with savepoint: read nothing after the savepoint's barrier (no draining, no final watermark). */
  stopWithoutDraining(): void {
    this.stopping = true;
    // No watermark after the barrier either: downstream windows must not fire past the savepoint.
    this.watermarks.stop();
    this.signal.notify();
  }

  private stopping = false;

  step(): StepResult {
    // Stopped after a savepoint's barrier: read nothing more; the task ends once the savepoint completed.
    if (this.stopping) return 'idle';
    if (this.waiting || this.blocked || this.aheadOfAlignment) return 'idle';
    const status = attributeTo(this.node.name, this.node.uid, () => this.reader.pollNext(this.output));
    this.afterPoll();
    if (this.blocked) return 'progress';
    if (status === InputStatus.MORE_AVAILABLE) return 'progress';
    if (status === InputStatus.END_OF_INPUT) {
      this.watermarks.endOfInput();
      return 'ended';
    }
    this.waiting = true;
    this.reader.isAvailable().then(
      () => {
        this.waiting = false;
        this.signal.notify();
      },
      () => {
        // A failing availability promise is a reader bug; polling again surfaces the reader's own error.
        this.waiting = false;
        this.signal.notify();
      },
    );
    return 'idle';
  }

  stop(): void {
    this.watermarks.stop();
  }
}

/**
 * Takes one frame at a time from the input gate: records go into the chain's head; watermarks and idle/active
 * statuses go through the valve, whose combined watermark goes into the head.
 */
export class NetworkInput implements TaskInput {
  private readonly valve: StatusWatermarkValve;
  /** The data frame whose records are still being emitted, a slice per step. */
  private batch: RecordBatchCursor | undefined;

  constructor(
    private readonly gate: InputGate,
    private readonly codec: FrameCodec,
    private readonly emit: Emit,
    headWatermark: (watermark: number) => void,
    headWatermarkStatus: (idle: boolean) => void,
    private readonly metrics: TaskMetrics,
    private readonly barriers: BarrierHandler | undefined,
  ) {
    this.valve = new StatusWatermarkValve(gate.channels.length, {
      emitWatermark(watermark) {
        metrics.watermark = watermark;
        headWatermark(watermark);
      },
      emitWatermarkStatus: headWatermarkStatus,
    });
  }

  start(): void {}

  stop(): void {}

  step(): StepResult {
    if (this.batch !== undefined) {
      // An unaligned barrier goes ahead of the rest of the frame (whose records it overtakes).
      if (!this.stepUrgent()) this.emitSlice(this.batch);
      return 'progress';
    }
    const next = this.gate.poll();
    if (next === undefined) return this.gate.isDataEnded ? 'ended' : 'idle';
    this.take(next);
    return 'progress';
  }

  stepUrgent(): boolean {
    if (!this.gate.hasUrgent) return false;
    if (this.batch !== undefined) {
      this.batch.pushBackRest(this.codec);
      this.batch = undefined;
    }
    const next = this.gate.pollUrgent();
    if (next === undefined) return false;
    this.take(next);
    return true;
  }

  private emitSlice(batch: RecordBatchCursor): void {
    this.metrics.recordsIn += batch.emitSlice(this.emit);
    this.batch = batch.done ? undefined : batch;
  }

  private take(next: PolledFrame): void {
    const { channel, frame } = next;
    switch (frame[0]) {
      case FrameType.DATA: {
        const [values, timestamps] = this.codec.decodeData(frame);
        // The cursor gives the credit back when the frame is through.
        this.emitSlice(new RecordBatchCursor(values, timestamps, channel, next.credit));
        return;
      }
      case FrameType.WATERMARK:
        this.valve.inputWatermark(channel.index, this.codec.decodeWatermark(frame));
        break;
      case FrameType.WATERMARK_STATUS:
        this.valve.inputStatus(channel.index, this.codec.decodeWatermarkStatus(frame));
        break;
      case FrameType.CHECKPOINT_BARRIER:
      case FrameType.PRIORITY_BARRIER: {
        if (next.credit) channel.returnCredit();
        const priority = frame[0] === FrameType.PRIORITY_BARRIER;
        this.barriers?.processBarrier(channel.index, this.codec.decodeBarrier(frame), priority, next.overtaken);
        return;
      }
      case FrameType.CANCEL_CHECKPOINT:
        channel.returnCredit();
        this.barriers?.processCancel(this.codec.decodeCancelCheckpoint(frame));
        return;
      case FrameType.END_OF_DATA:
        this.valve.channelFinished(channel.index);
        break;
      case FrameType.END_OF_PARTITION:
        this.valve.channelFinished(channel.index);
        this.barriers?.channelFinished();
        return;
    }
    if (next.credit) channel.returnCredit();
  }
}
