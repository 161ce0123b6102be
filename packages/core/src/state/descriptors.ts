import type { AggregateFunction, Key, ReduceFunction } from '../functions/index.ts';

/** Time to live of keyed state entries, measured on the task's processing-time clock. */
export interface StateTtlConfig {
  readonly ttlMs: number;
  /** When an entry's clock restarts: on create and write (default), or also on read. */
  readonly updateType?: 'onCreateAndWrite' | 'onReadAndWrite';
}

interface Common {
  readonly name: string;
  readonly ttl: StateTtlConfig | undefined;
}

export interface ValueStateDescriptor<T> extends Common {
  readonly kind: 'value';
  readonly defaultValue: T | undefined;
}
export interface ListStateDescriptor<T> extends Common {
  readonly kind: 'list';
  readonly __element?: T;
}
export interface MapStateDescriptor<K extends Key, V> extends Common {
  readonly kind: 'map';
  readonly __entry?: [K, V];
}
export interface ReducingStateDescriptor<T> extends Common {
  readonly kind: 'reducing';
  readonly reduce: ReduceFunction<T>;
}
export interface AggregatingStateDescriptor<IN, ACC, OUT> extends Common {
  readonly kind: 'aggregating';
  readonly aggregate: AggregateFunction<IN, ACC, OUT>;
}

export type StateDescriptor =
  | ValueStateDescriptor<any>
  | ListStateDescriptor<any>
  | MapStateDescriptor<any, any>
  | ReducingStateDescriptor<any>
  | AggregatingStateDescriptor<any, any, any>;

function checked(name: string, ttl: StateTtlConfig | undefined): Common {
  if (name.length === 0) throw new TypeError('a state descriptor needs a non-empty name');
  if (ttl !== undefined && (!Number.isFinite(ttl.ttlMs) || ttl.ttlMs <= 0)) {
    throw new RangeError(`state '${name}': ttl.ttlMs must be a positive number of ms, got ${ttl.ttlMs}`);
  }
  return { name, ttl };
}

export function valueState<T>(
  name: string,
  options: { defaultValue?: T; ttl?: StateTtlConfig } = {},
): ValueStateDescriptor<T> {
  return { kind: 'value', ...checked(name, options.ttl), defaultValue: options.defaultValue };
}

export function listState<T>(name: string, options: { ttl?: StateTtlConfig } = {}): ListStateDescriptor<T> {
  return { kind: 'list', ...checked(name, options.ttl) };
}

export function mapState<K extends Key, V>(
  name: string,
  options: { ttl?: StateTtlConfig } = {},
): MapStateDescriptor<K, V> {
  return { kind: 'map', ...checked(name, options.ttl) };
}

export function reducingState<T>(
  name: string,
  reduce: ReduceFunction<T>,
  options: { ttl?: StateTtlConfig } = {},
): ReducingStateDescriptor<T> {
  return { kind: 'reducing', ...checked(name, options.ttl), reduce };
}

export function aggregatingState<IN, ACC, OUT>(
  name: string,
  aggregate: AggregateFunction<IN, ACC, OUT>,
  options: { ttl?: StateTtlConfig } = {},
): AggregatingStateDescriptor<IN, ACC, OUT> {
  return { kind: 'aggregating', ...checked(name, options.ttl), aggregate };
}
