/** The types a key selector may return: they hash the same way in every thread and every run. */
export type Key = string | number | bigint | boolean;

export type ReduceFunction<T> = (accumulator: T, value: T) => T;

/** Incremental aggregation: an accumulator per key (and window), merged for merging windows. */
export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge(a: ACC, b: ACC): ACC;
}
