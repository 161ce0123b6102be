import {
  InputStatus,
  type ReaderOutput,
  type SourceReader,
  type StreamNode,
  type WatermarkStrategy,
} from '@dhara/core';
import { attributeTo } from '../errors/index.ts';
import type { TaskMetrics } from '../metrics/index.ts';
import { type FrameCodec, FrameType, type InputGate, StatusWatermarkValve } from '../network/index.ts';
import type { ProcessingTimeService } from '../state/index.ts';
import type { BarrierHandler } from './checkpointing/index.ts';
import type { Output } from './operators/index.ts';
import type { WakeSignal } from './WakeSignal.ts';
import { WatermarkEmitter } from './watermarks/index.ts';

/** What one step of the task's default action found. */
export type StepResult = 'progress' | 'idle' | 'ended';

/** The default action's input: a source reader, or the network input gate. */
export interface TaskInput {
  start(): void;
  step(): StepResult;
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
 * their event timestamps and the source its watermarks from the source's watermark strategy; at the end of input
 * the maximum watermark goes out, so every window and timer downstream fires.
 */
export class SourceInput implements TaskInput {
  private waiting = false;
  /** Set while an externally induced checkpoint waits for its trigger: no polling until then. */
  blocked = false;
  private readonly output: ReaderOutput<unknown>;
  private readonly watermarks: WatermarkEmitter;

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
    const watermarks = new WatermarkEmitter(strategy, metered(sourceOutput, metrics), time, autoWatermarkIntervalMs);
    this.watermarks = watermarks;
    this.output = {
      collect(value, timestamp) {
        metrics.recordsIn++;
        countRecord();
        watermarks.collect(value, timestamp);
      },
    };
  }

  start(): void {
    this.watermarks.start();
  }

  step(): StepResult {
    if (this.waiting || this.blocked) return 'idle';
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
    const next = this.gate.poll();
    if (next === undefined) return this.gate.isFinished ? 'ended' : 'idle';
    const { channel, frame } = next;
    switch (frame[0]) {
      case FrameType.DATA: {
        const [values, timestamps] = this.codec.decodeData(frame);
        const { inputIndex } = channel;
        const emit = this.emit;
        if (timestamps === null) {
          for (let i = 0; i < values.length; i++) emit(values[i], undefined, inputIndex);
        } else {
          for (let i = 0; i < values.length; i++) emit(values[i], timestamps[i] ?? undefined, inputIndex);
        }
        this.metrics.recordsIn += values.length;
        break;
      }
      case FrameType.WATERMARK:
        this.valve.inputWatermark(channel.index, this.codec.decodeWatermark(frame));
        break;
      case FrameType.WATERMARK_STATUS:
        this.valve.inputStatus(channel.index, this.codec.decodeWatermarkStatus(frame));
        break;
      case FrameType.CHECKPOINT_BARRIER:
        channel.returnCredit();
        this.barriers?.processBarrier(channel.index, this.codec.decodeBarrier(frame));
        return 'progress';
      case FrameType.CANCEL_CHECKPOINT:
        channel.returnCredit();
        this.barriers?.processCancel(this.codec.decodeCancelCheckpoint(frame));
        return 'progress';
      case FrameType.END_OF_PARTITION:
        this.valve.channelFinished(channel.index);
        this.barriers?.channelFinished();
        return 'progress';
    }
    channel.returnCredit();
    return 'progress';
  }
}
