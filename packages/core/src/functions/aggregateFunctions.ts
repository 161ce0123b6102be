/** Combines two values of a key (or window) into one: `reduce((a, b) => ...)`. */
export type ReduceFunction<T> = (accumulator: T, value: T) => T;

/** Incremental aggregation: an accumulator per key (and window), merged for merging windows. */
export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge(a: ACC, b: ACC): ACC;
}
