import type { Key } from '../functions/index.ts';

// The live states a function reads and writes (Flink's ValueState, ListState, ...). Not "state handles": in Flink a
// state handle is the snapshot of state stored by a checkpoint.

/** Keyed states read and write the entry of the key being processed. */
export interface ValueState<T> {
  /** The value, or the descriptor's default when there is none (or it expired). */
  value(): T | undefined;
  update(value: T): void;
  clear(): void;
}

export interface ListState<T> {
  get(): T[];
  add(value: T): void;
  addAll(values: readonly T[]): void;
  update(values: readonly T[]): void;
  clear(): void;
}

export interface MapState<K extends Key, V> {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  remove(key: K): void;
  contains(key: K): boolean;
  entries(): [K, V][];
  keys(): K[];
  values(): V[];
  isEmpty(): boolean;
  clear(): void;
}

export interface ReducingState<T> {
  get(): T | undefined;
  add(value: T): void;
  clear(): void;
}

export interface AggregatingState<IN, OUT> {
  get(): OUT | undefined;
  add(value: IN): void;
  clear(): void;
}
