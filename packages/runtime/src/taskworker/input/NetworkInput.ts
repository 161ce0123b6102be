import type { TaskMetrics } from '../../metrics/index.ts';
import {
  type FrameCodec,
  FrameType,
  type InputGate,
  type PolledFrame,
  StatusWatermarkValve,
} from '../../network/index.ts';
import type { StreamTaskNetworkOutput } from '../chain/index.ts';
import type { BarrierHandler } from '../checkpointing/index.ts';
import { RecordBatchCursor } from './RecordBatchCursor.ts';
import type { StepResult, TaskInput } from './TaskInput.ts';

/**
 * Takes one frame at a time from the input gate: records go into the chain's head; watermarks and idle/active
 * statuses go through the valve, whose combined watermark goes into the head; barriers and cancellation markers go to
 * the barrier handler.
 */
export class NetworkInput implements TaskInput {
  private readonly valve: StatusWatermarkValve;
  /** The data frame whose records are still being emitted, a slice per step. */
  private batch: RecordBatchCursor | undefined;

  constructor(
    private readonly gate: InputGate,
    private readonly codec: FrameCodec,
    private readonly output: StreamTaskNetworkOutput,
    private readonly metrics: TaskMetrics,
    private readonly barriers: BarrierHandler | undefined,
  ) {
    this.valve = new StatusWatermarkValve(gate.channels.length, {
      emitWatermark(watermark) {
        metrics.watermark = watermark;
        output.emitWatermark(watermark);
      },
      emitWatermarkStatus(idle) {
        output.emitWatermarkStatus(idle);
      },
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
    this.metrics.recordsIn += batch.emitSlice(this.output.emitRecord);
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
