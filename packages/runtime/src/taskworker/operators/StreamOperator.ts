import type { RuntimeContext } from '@dhara/core';
import type { OperatorSnapshot } from '../../checkpoint/index.ts';
import type { FaultInjector } from '../../faults/index.ts';
import type { TaskMetrics } from '../../metrics/index.ts';
import type { KeyGroupRange, OperatorStateBackend, ProcessingTimeService } from '../../state/index.ts';

/** Where an operator sends what it emits: its chained successors and its network outputs. */
export interface Output {
  emit(value: unknown, timestamp: number | undefined): void;
  emitSide(tag: string, value: unknown, timestamp: number | undefined): void;
  /** Event time reached `watermark`; goes to every successor and every channel, side outputs included. */
  emitWatermark(watermark: number): void;
  emitWatermarkStatus(idle: boolean): void;
}

/** An operator instance inside a task's chain. Records arrive as plain calls, never serialized. */
export interface StreamOperator {
  open(): void | Promise<void>;
  processElement(value: unknown, timestamp: number | undefined, inputIndex: 0 | 1): void;
  /** The task's (combined) input watermark advanced. */
  processWatermark(watermark: number): void;
  processWatermarkStatus(idle: boolean): void;
  /** All input has arrived: emit what is held back, flush sinks. */
  endInput(): void | Promise<void>;
  close(): void | Promise<void>;
  /** Work the task must let finish before it feeds this operator again (an async sink write), if any. */
  pending(): Promise<void> | undefined;
  /**
   * Checkpoint `checkpointId`'s barrier is about to leave: emit what must come before it (sinks flush). A returned
   * promise holds back the checkpoint's acknowledgement (not the barrier): a sink's flush finishing in the background.
   */
  prepareSnapshotPreBarrier(checkpointId: number): void | Promise<void>;
  /** The synchronous part of a checkpoint: a copy of the operator's state, or undefined when it has none. */
  snapshotState(checkpointId: number): OperatorSnapshot | undefined;
  notifyCheckpointComplete(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted(checkpointId: number): void;
}

/** What an operator is given besides its spec. */
export interface OperatorContext {
  readonly runtime: RuntimeContext;
  readonly output: Output;
  readonly keyGroupRange: KeyGroupRange;
  /** The task's processing time and timers (timers fire as mail). */
  readonly time: ProcessingTimeService;
  readonly autoWatermarkIntervalMs: number;
  readonly metrics: TaskMetrics;
  /** The operator's list and union state (also reachable by the user's function through its runtime context). */
  readonly operatorState: OperatorStateBackend;
  /** What the operator stored in the checkpoint the task was restored from, if any. */
  readonly restored: OperatorSnapshot | undefined;
  /** Sends values to the job client (the collect sink). */
  readonly sendCollected: (name: string, values: unknown[]) => void;
  /** The task's injected faults, for the phases an operator runs itself (a committing sink's 'commit'). */
  readonly faults: FaultInjector;
  /**
   * Checkpointing is on, so after the end of input the task waits for a final checkpoint before it finishes: a
   * committing sink leaves its tail to that checkpoint instead of committing it at the end of input.
   */
  readonly finalCheckpoint: boolean;
}

/** Defaults for operators: watermarks and statuses pass through, nothing to open, end or close. */
export abstract class BaseOperator implements StreamOperator {
  constructor(protected readonly context: OperatorContext) {}

  open(): void | Promise<void> {}

  abstract processElement(value: unknown, timestamp: number | undefined, inputIndex: 0 | 1): void;

  processWatermark(watermark: number): void {
    this.context.output.emitWatermark(watermark);
  }

  processWatermarkStatus(idle: boolean): void {
    this.context.output.emitWatermarkStatus(idle);
  }

  endInput(): void | Promise<void> {}

  close(): void | Promise<void> {}

  pending(): Promise<void> | undefined {
    return undefined;
  }

  prepareSnapshotPreBarrier(_checkpointId: number): void | Promise<void> {}

  snapshotState(_checkpointId: number): OperatorSnapshot | undefined {
    return this.context.operatorState.snapshot();
  }

  notifyCheckpointComplete(_checkpointId: number): void | Promise<void> {}

  notifyCheckpointAborted(_checkpointId: number): void {}
}
