export { cover, intersects, maxTimestamp, type TimeWindow, windowStart } from './TimeWindow.ts';
export {
  EventTimeSessionWindows,
  MissingTimestampError,
  ProcessingTimeSessionWindows,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  type WindowAssigner,
} from './WindowAssigner.ts';
export type { ProcessWindowContext, ProcessWindowFunction, WindowFunctionSpec } from './windowFunctions.ts';
