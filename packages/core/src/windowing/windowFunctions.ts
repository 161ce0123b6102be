import type { AggregateFunction, Collector, OutputTag, ReduceFunction } from '../functions/index.ts';
import type { TimeWindow } from './TimeWindow.ts';

export interface ProcessWindowContext {
  readonly window: TimeWindow;
  currentWatermark(): number;
  currentProcessingTime(): number;
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Sees a window's key, the window, and its elements (or its one pre-aggregated result) when the window fires. */
export interface ProcessWindowFunction<IN, OUT, K> {
  process(key: K, context: ProcessWindowContext, elements: readonly IN[], out: Collector<OUT>): void;
}

/** How a window's contents become its result. */
export type WindowFunctionSpec =
  | {
      readonly kind: 'reduce';
      readonly reduce: ReduceFunction<any>;
      readonly process: ProcessWindowFunction<any, any, any> | undefined;
    }
  | {
      readonly kind: 'aggregate';
      readonly aggregate: AggregateFunction<any, any, any>;
      readonly process: ProcessWindowFunction<any, any, any> | undefined;
    }
  | { readonly kind: 'process'; readonly process: ProcessWindowFunction<any, any, any> };
