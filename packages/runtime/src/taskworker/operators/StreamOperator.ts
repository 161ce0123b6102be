import type { RuntimeContext } from '@dhara/core';
import type { KeyGroupRange } from '../../state/index.ts';

/** Where an operator sends what it emits: its chained successors and its network outputs. */
export interface Output {
  emit(value: unknown, timestamp: number | undefined): void;
  emitSide(tag: string, value: unknown, timestamp: number | undefined): void;
}

/** An operator instance inside a task's chain. Records arrive as plain calls, never serialized. */
export interface StreamOperator {
  open(): void | Promise<void>;
  processElement(value: unknown, timestamp: number | undefined, inputIndex: 0 | 1): void;
  /** All input has arrived: emit what is held back, flush sinks. */
  endInput(): void | Promise<void>;
  close(): void | Promise<void>;
  /** Work the task must let finish before it feeds this operator again (an async sink write), if any. */
  pending(): Promise<void> | undefined;
}

/** What an operator is given besides its spec. */
export interface OperatorContext {
  readonly runtime: RuntimeContext;
  readonly output: Output;
  readonly keyGroupRange: KeyGroupRange;
  /** Sends values to the job client (the collect sink). */
  readonly sendCollected: (name: string, values: unknown[]) => void;
}
