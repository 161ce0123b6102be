/** Receives the records a function emits. */
export interface Collector<T> {
  collect(value: T): void;
}
