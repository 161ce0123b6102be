import type { Collector } from '../functions/index.ts';
import type { KeyedStateStore } from '../state/index.ts';
import type { ProcessContext } from './processFunctions.ts';
import type { RuntimeContext } from './RuntimeContext.ts';

/** Timers and time, for keyed functions. Timers are per key and time: registering one twice keeps one. */
export interface TimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerEventTimeTimer(timestamp: number): void;
  registerProcessingTimeTimer(timestamp: number): void;
  deleteEventTimeTimer(timestamp: number): void;
  deleteProcessingTimeTimer(timestamp: number): void;
}

/** The open() context of a keyed function: the runtime context plus keyed state. */
export interface KeyedRuntimeContext extends RuntimeContext, KeyedStateStore {}

export interface KeyedProcessContext<K> extends ProcessContext {
  readonly currentKey: K;
  readonly timerService: TimerService;
}

export interface OnTimerContext<K> extends KeyedProcessContext<K> {
  readonly timeDomain: 'event-time' | 'processing-time';
}

/** A function over a keyed stream, with keyed state and timers (`keyBy(...).process(...)`). */
export interface KeyedProcessFunction<K, I, O> {
  open?(context: KeyedRuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
  processElement(value: I, context: KeyedProcessContext<K>, out: Collector<O>): void;
  /** A timer of the current key fired; what it emits carries the timer's time as timestamp. */
  onTimer?(timestamp: number, context: OnTimerContext<K>, out: Collector<O>): void;
}
