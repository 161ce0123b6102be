import { DharaError } from '../errors/index.ts';
import { type TimeWindow, windowStart } from './TimeWindow.ts';

/** Puts an element into windows. Event-time assigners read the record's timestamp; processing-time ones the clock. */
export interface WindowAssigner {
  readonly kind: 'tumbling' | 'sliding' | 'session';
  readonly isEventTime: boolean;
  /** Session windows merge when they overlap. */
  readonly isMerging: boolean;
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

function tumbling(isEventTime: boolean, size: number, offset: number): WindowAssigner {
  const what = `Tumbling${isEventTime ? 'EventTime' : 'ProcessingTime'}Windows.of`;
  positive(what, 'size', size);
  offsetWithin(what, offset, size);
  const assigner: WindowAssigner = {
    kind: 'tumbling',
    isEventTime,
    isMerging: false,
    description: `${what}(${size}${offset === 0 ? '' : `, ${offset}`})`,
    assignWindows(timestamp, now) {
      const start = windowStart(timeOf(assigner, timestamp, now), offset, size);
      return [{ start, end: start + size }];
    },
  };
  return assigner;
}

function sliding(isEventTime: boolean, size: number, slide: number, offset: number): WindowAssigner {
  const what = `Sliding${isEventTime ? 'EventTime' : 'ProcessingTime'}Windows.of`;
  positive(what, 'size', size);
  positive(what, 'slide', slide);
  offsetWithin(what, offset, slide);
  const assigner: WindowAssigner = {
    kind: 'sliding',
    isEventTime,
    isMerging: false,
    description: `${what}(${size}, ${slide}${offset === 0 ? '' : `, ${offset}`})`,
    assignWindows(timestamp, now) {
      const time = timeOf(assigner, timestamp, now);
      const windows: TimeWindow[] = [];
      for (let start = windowStart(time, offset, slide); start > time - size; start -= slide) {
        windows.push({ start, end: start + size });
      }
      return windows;
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
