export type { Collector } from './Collector.ts';
export type {
  AggregateFunction,
  CoProcessFunction,
  FilterFunction,
  FlatMapFunction,
  Key,
  KeySelector,
  MapFunction,
  ProcessContext,
  ProcessFunction,
  ReduceFunction,
  RichFunction,
} from './functions.ts';
export { OutputTag, outputTag } from './OutputTag.ts';
export type { RuntimeContext } from './RuntimeContext.ts';
