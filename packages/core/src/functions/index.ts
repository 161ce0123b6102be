// The user function types that see neither state nor a runtime context: keys, element functions, reductions, and
// what they emit through. Process functions, which do, are in ../process/ (state sits between the two).
export type { AggregateFunction, ReduceFunction } from './aggregateFunctions.ts';
export type { Collector } from './Collector.ts';
export type { FilterFunction, FlatMapFunction, MapFunction } from './elementFunctions.ts';
export type { Key, KeySelector } from './keys.ts';
export { OutputTag, outputTag } from './OutputTag.ts';
