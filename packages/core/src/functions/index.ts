export type { AggregateFunction, Key, ReduceFunction } from '../basics/index.ts';
export type { Collector } from './Collector.ts';
export type {
  CoProcessFunction,
  FilterFunction,
  FlatMapFunction,
  KeySelector,
  MapFunction,
  ProcessContext,
  ProcessFunction,
  RichFunction,
} from './functions.ts';
export { OutputTag, outputTag } from './OutputTag.ts';
export type { RuntimeContext } from './RuntimeContext.ts';
