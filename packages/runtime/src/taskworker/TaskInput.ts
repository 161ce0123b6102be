import { InputStatus, type ReaderOutput, type SourceReader, type StreamNode } from '@dhara/core';
import { attributeTo } from '../errors/index.ts';
import type { TaskMetrics } from '../metrics/index.ts';
import { type FrameCodec, FrameType, type InputGate } from '../network/index.ts';
import type { WakeSignal } from './WakeSignal.ts';

/** What one step of the task's default action found. */
export type StepResult = 'progress' | 'idle' | 'ended';

/** The default action's input: a source reader, or the network input gate. */
export interface TaskInput {
  step(): StepResult;
}

type Emit = (value: unknown, timestamp: number | undefined, inputIndex: 0 | 1) => void;

/** Polls a source reader; when it has nothing, waits on its availability promise instead of spinning. */
export class SourceInput implements TaskInput {
  private waiting = false;
  private readonly output: ReaderOutput<unknown>;

  constructor(
    private readonly reader: SourceReader<unknown, any>,
    private readonly node: StreamNode,
    emit: Emit,
    private readonly signal: WakeSignal,
    metrics: TaskMetrics,
  ) {
    this.output = {
      collect(value, timestamp) {
        metrics.recordsIn++;
        emit(value, timestamp, 0);
      },
    };
  }

  step(): StepResult {
    if (this.waiting) return 'idle';
    const status = attributeTo(this.node.name, this.node.uid, () => this.reader.pollNext(this.output));
    if (status === InputStatus.MORE_AVAILABLE) return 'progress';
    if (status === InputStatus.END_OF_INPUT) return 'ended';
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
}

/** Takes one frame at a time from the input gate and pushes its records into the chain's head. */
export class NetworkInput implements TaskInput {
  constructor(
    private readonly gate: InputGate,
    private readonly codec: FrameCodec,
    private readonly emit: Emit,
    private readonly metrics: TaskMetrics,
  ) {}

  step(): StepResult {
    const next = this.gate.poll();
    if (next === undefined) return this.gate.isFinished ? 'ended' : 'idle';
    const { channel, frame } = next;
    if (frame[0] === FrameType.DATA) {
      const [values, timestamps] = this.codec.decodeData(frame);
      const { inputIndex } = channel;
      const emit = this.emit;
      if (timestamps === null) {
        for (let i = 0; i < values.length; i++) emit(values[i], undefined, inputIndex);
      } else {
        for (let i = 0; i < values.length; i++) emit(values[i], timestamps[i] ?? undefined, inputIndex);
      }
      this.metrics.recordsIn += values.length;
      channel.returnCredit();
    }
    return 'progress';
  }
}
