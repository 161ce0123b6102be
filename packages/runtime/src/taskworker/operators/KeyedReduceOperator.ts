import type { Key, KeySelector, ReduceFunction } from '@dhara/core';
import type { StateTable } from '../../state/index.ts';
import { KeyedOperatorBase } from './KeyedOperatorBase.ts';
import type { OperatorContext } from './StreamOperator.ts';

/** Keeps each key's running reduction in keyed state and emits it after every element. */
export class KeyedReduceOperator extends KeyedOperatorBase {
  private readonly reduced: StateTable<unknown>;

  constructor(
    context: OperatorContext,
    private readonly fn: ReduceFunction<unknown>,
    private readonly keySelector: KeySelector<unknown, Key>,
  ) {
    super(context);
    this.reduced = this.backend.table('reduce');
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    const key = this.keySelector(value);
    this.backend.setCurrentKey(key);
    const bucket = this.backend.bucket(this.reduced);
    const next = bucket.has(key) ? this.fn(bucket.get(key), value) : value;
    bucket.set(key, next);
    this.context.output.emit(next, timestamp);
  }
}
