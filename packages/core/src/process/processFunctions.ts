import type { Collector, OutputTag } from '../functions/index.ts';
import type { RuntimeContext } from './RuntimeContext.ts';

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
