import type { Key, KeySelector, ReduceFunction } from '@dhara/core';
import { HeapKeyedState } from '../../state/index.ts';
import { BaseOperator, type OperatorContext } from './StreamOperator.ts';

/** Keeps each key's running reduction in keyed state and emits it after every element. */
export class KeyedReduceOperator extends BaseOperator {
  private readonly state: HeapKeyedState<unknown>;

  constructor(
    context: OperatorContext,
    private readonly fn: ReduceFunction<unknown>,
    private readonly keySelector: KeySelector<unknown, Key>,
  ) {
    super(context);
    this.state = new HeapKeyedState(context.keyGroupRange, context.runtime.maxParallelism);
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    const key = this.keySelector(value);
    const bucket = this.state.bucket(key);
    const previous = bucket.get(key);
    const next = previous === undefined && !bucket.has(key) ? value : this.fn(previous, value);
    bucket.set(key, next);
    this.context.output.emit(next, timestamp);
  }
}
