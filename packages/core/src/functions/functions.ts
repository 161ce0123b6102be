import type { Key } from '../basics/index.ts';
import type { Collector } from './Collector.ts';
import type { OutputTag } from './OutputTag.ts';
import type { RuntimeContext } from './RuntimeContext.ts';

export type MapFunction<T, R> = (value: T) => R;
export type FilterFunction<T> = (value: T) => boolean;
/** Emits any number of records for each input, through `out`. */
export type FlatMapFunction<T, R> = (value: T, out: Collector<R>) => void;
export type KeySelector<T, K extends Key> = (value: T) => K;

/** Lifecycle hooks shared by the function objects (process functions, sink writers). */
export interface RichFunction {
  open?(context: RuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** The context of one `processElement` call. */
export interface ProcessContext {
  /** The record's event timestamp, if it has one. */
  readonly timestamp: number | undefined;
  /** Emits to a side output, read with `getSideOutput(tag)`. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface ProcessFunction<T, R> extends RichFunction {
  processElement(value: T, context: ProcessContext, out: Collector<R>): void;
}

/** A function over two connected inputs (`a.connect(b).process(...)`). */
export interface CoProcessFunction<A, B, R> extends RichFunction {
  processElement1(value: A, context: ProcessContext, out: Collector<R>): void;
  processElement2(value: B, context: ProcessContext, out: Collector<R>): void;
}
