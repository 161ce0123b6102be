import type { Key, KeySelector, ReduceFunction } from '@dhara/core';
import { HeapKeyedState } from '../../state/index.ts';
import type { OperatorContext, StreamOperator } from './StreamOperator.ts';

/** Keeps each key's running reduction in keyed state and emits it after every element. */
export class KeyedReduceOperator implements StreamOperator {
  private readonly state: HeapKeyedState<unknown>;

  constructor(
    private readonly context: OperatorContext,
    private readonly fn: ReduceFunction<unknown>,
    private readonly keySelector: KeySelector<unknown, Key>,
  ) {
    this.state = new HeapKeyedState(context.keyGroupRange, context.runtime.maxParallelism);
  }

  open(): void {}

  processElement(value: unknown, timestamp: number | undefined): void {
    const key = this.keySelector(value);
    const bucket = this.state.bucket(key);
    const previous = bucket.get(key);
    const next = previous === undefined && !bucket.has(key) ? value : this.fn(previous, value);
    bucket.set(key, next);
    this.context.output.emit(next, timestamp);
  }

  endInput(): void {}

  close(): void {}

  pending(): undefined {
    return undefined;
  }
}
