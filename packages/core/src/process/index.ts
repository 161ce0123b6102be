// The process functions (Flink's ProcessFunction family): functions with a lifecycle, a runtime context, side
// outputs and, on keyed streams, keyed state and timers.
export type {
  KeyedProcessContext,
  KeyedProcessFunction,
  KeyedRuntimeContext,
  OnTimerContext,
  TimerService,
} from './keyedFunctions.ts';
export type { CoProcessFunction, ProcessContext, ProcessFunction, RichFunction } from './processFunctions.ts';
export type { RuntimeContext } from './RuntimeContext.ts';
