import type { Collector } from './Collector.ts';

// The functions called once per element, with no lifecycle and no state: `map`, `filter`, `flatMap`.

export type MapFunction<T, R> = (value: T) => R;
export type FilterFunction<T> = (value: T) => boolean;
/** Emits any number of records for each input, through `out`. */
export type FlatMapFunction<T, R> = (value: T, out: Collector<R>) => void;
