export type { AggregateFunction, Key, ReduceFunction } from './basics.ts';
