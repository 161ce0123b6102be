import { DharaError } from '../errors/index.ts';
import { type TimeWindow, windowStart } from './TimeWindow.ts';

/** Puts an element into windows. Event-time assigners read the record's timestamp; processing-time ones the clock. */
export interface WindowAssigner {
  readonly kind: 'tumbling' | 'sliding' | 'session';
  readonly isEventTime: boolean;
  /** Session windows merge when they overlap. */
  readonly isMerging: boolean;
  /**
   * The element's windows. Built-in assigners return the same (frozen) array and windows again while the element
   * falls into the same windows, so that a stream of records allocates nothing here: do not modify the result.
   */
  assignWindows(timestamp: number | undefined, currentProcessingTime: number): TimeWindow[];
  readonly description: string;
}

/** An event-time window got a record without a timestamp. */
export class MissingTimestampError extends DharaError {
  constructor(assigner: string) {
    super(
      'MISSING_TIMESTAMP',
      `${assigner} got a record without an event timestamp: give the source a WatermarkStrategy with a timestamp ` +
        'assigner, or call assignTimestampsAndWatermarks() before the window',
    );
  }
}

function positive(what: string, name: string, ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new RangeError(`${what}: ${name} must be a positive number of ms, got ${ms}`);
}

function offsetWithin(what: string, offset: number, size: number): void {
  if (!Number.isFinite(offset) || Math.abs(offset) >= size) {
    throw new RangeError(`${what}: the offset must be within (-${size}, ${size}), got ${offset}`);
  }
}

function timeOf(assigner: WindowAssigner, timestamp: number | undefined, now: number): number {
  if (!assigner.isEventTime) return now;
  if (timestamp === undefined) throw new MissingTimestampError(assigner.description);
  return timestamp;
}

/** Windows an assigner hands out again and again: frozen, so that no caller can change them for the next one. */
function frozen(windows: TimeWindow[]): TimeWindow[] {
  for (const window of windows) Object.freeze(window);
  return Object.freeze(windows) as TimeWindow[];
}

function tumbling(isEventTime: boolean, size: number, offset: number): WindowAssigner {
  const what = `Tumbling${isEventTime ? 'EventTime' : 'ProcessingTime'}Windows.of`;
  positive(what, 'size', size);
  offsetWithin(what, offset, size);
  let last: { start: number; windows: TimeWindow[] } = { start: Number.NaN, windows: [] };
  const assigner: WindowAssigner = {
    kind: 'tumbling',
    isEventTime,
    isMerging: false,
    description: `${what}(${size}${offset === 0 ? '' : `, ${offset}`})`,
    assignWindows(timestamp, now) {
      const start = windowStart(timeOf(assigner, timestamp, now), offset, size);
      if (start !== last.start) last = { start, windows: frozen([{ start, end: start + size }]) };
      return last.windows;
    },
  };
  return assigner;
}

function sliding(isEventTime: boolean, size: number, slide: number, offset: number): WindowAssigner {
  const what = `Sliding${isEventTime ? 'EventTime' : 'ProcessingTime'}Windows.of`;
  positive(what, 'size', size);
  positive(what, 'slide', slide);
  offsetWithin(what, offset, slide);
  let last: { start: number; windows: TimeWindow[] } = { start: Number.NaN, windows: [] };
  const assigner: WindowAssigner = {
    kind: 'sliding',
    isEventTime,
    isMerging: false,
    description: `${what}(${size}, ${slide}${offset === 0 ? '' : `, ${offset}`})`,
    assignWindows(timestamp, now) {
      const time = timeOf(assigner, timestamp, now);
      const first = windowStart(time, offset, slide);
      // The windows are those starting at first, first - slide, ... while start > time - size: how many depends on
      // where `time` falls between two starts unless size is a multiple of slide.
      let count = 0;
      for (let start = first; start > time - size; start -= slide) count++;
      if (first !== last.start || count !== last.windows.length) {
        const windows: TimeWindow[] = [];
        for (let i = 0, start = first; i < count; i++, start -= slide) windows.push({ start, end: start + size });
        last = { start: first, windows: frozen(windows) };
      }
      return last.windows;
    },
  };
  return assigner;
}

function session(isEventTime: boolean, gap: number): WindowAssigner {
  const what = `${isEventTime ? 'EventTime' : 'ProcessingTime'}SessionWindows.withGap`;
  positive(what, 'gap', gap);
  const assigner: WindowAssigner = {
    kind: 'session',
    isEventTime,
    isMerging: true,
    description: `${what}(${gap})`,
    assignWindows(timestamp, now) {
      const time = timeOf(assigner, timestamp, now);
      return [{ start: time, end: time + gap }];
    },
  };
  return assigner;
}

export const TumblingEventTimeWindows = { of: (sizeMs: number, offsetMs = 0) => tumbling(true, sizeMs, offsetMs) };
export const TumblingProcessingTimeWindows = {
  of: (sizeMs: number, offsetMs = 0) => tumbling(false, sizeMs, offsetMs),
};
export const SlidingEventTimeWindows = {
  of: (sizeMs: number, slideMs: number, offsetMs = 0) => sliding(true, sizeMs, slideMs, offsetMs),
};
export const SlidingProcessingTimeWindows = {
  of: (sizeMs: number, slideMs: number, offsetMs = 0) => sliding(false, sizeMs, slideMs, offsetMs),
};
export const EventTimeSessionWindows = { withGap: (gapMs: number) => session(true, gapMs) };
export const ProcessingTimeSessionWindows = { withGap: (gapMs: number) => session(false, gapMs) };
