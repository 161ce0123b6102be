import {
  BoundedOutOfOrdernessGenerator,
  EventTimeSessionWindows,
  IdlenessGenerator,
  MissingTimestampError,
  maxTimestamp,
  ProcessingTimeSessionWindows,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  type WatermarkOutput,
  WatermarkStrategy,
  windowStart,
} from '@dhara/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const NO_TIME = 0;

describe('tumbling windows', () => {
  test('assign the one window holding the timestamp', () => {
    const a = TumblingEventTimeWindows.of(1_000);
    expect(a.assignWindows(0, NO_TIME)).toEqual([{ start: 0, end: 1_000 }]);
    expect(a.assignWindows(999, NO_TIME)).toEqual([{ start: 0, end: 1_000 }]);
    expect(a.assignWindows(1_000, NO_TIME)).toEqual([{ start: 1_000, end: 2_000 }]);
    expect(a.assignWindows(123_456, NO_TIME)).toEqual([{ start: 123_000, end: 124_000 }]);
    expect(a.isEventTime).toBe(true);
    expect(a.isMerging).toBe(false);
    expect(maxTimestamp({ start: 0, end: 1_000 })).toBe(999);
  });

  test('with an offset', () => {
    const a = TumblingEventTimeWindows.of(1_000, 250);
    expect(a.assignWindows(249, NO_TIME)).toEqual([{ start: -750, end: 250 }]);
    expect(a.assignWindows(250, NO_TIME)).toEqual([{ start: 250, end: 1_250 }]);
    expect(a.assignWindows(1_249, NO_TIME)).toEqual([{ start: 250, end: 1_250 }]);
    const negative = TumblingEventTimeWindows.of(1_000, -250);
    expect(negative.assignWindows(0, NO_TIME)).toEqual([{ start: -250, end: 750 }]);
    expect(negative.assignWindows(750, NO_TIME)).toEqual([{ start: 750, end: 1_750 }]);
  });

  test('negative timestamps', () => {
    const a = TumblingEventTimeWindows.of(1_000);
    expect(a.assignWindows(-1, NO_TIME)).toEqual([{ start: -1_000, end: 0 }]);
    expect(a.assignWindows(-1_000, NO_TIME)).toEqual([{ start: -1_000, end: 0 }]);
    expect(a.assignWindows(-1_001, NO_TIME)).toEqual([{ start: -2_000, end: -1_000 }]);
    expect(windowStart(-1, 0, 1_000)).toBe(-1_000);
    expect(windowStart(-5, 3, 10)).toBe(-7);
  });

  test('processing-time windows use the clock, not the timestamp', () => {
    const a = TumblingProcessingTimeWindows.of(100);
    expect(a.isEventTime).toBe(false);
    expect(a.assignWindows(undefined, 1_234)).toEqual([{ start: 1_200, end: 1_300 }]);
    expect(a.assignWindows(5, 1_234)).toEqual([{ start: 1_200, end: 1_300 }]);
  });
});

describe('sliding windows', () => {
  test('an element belongs to size/slide windows, all containing it', () => {
    const a = SlidingEventTimeWindows.of(2_000, 500);
    const windows = a.assignWindows(1_200, NO_TIME);
    expect(windows).toEqual([
      { start: 1_000, end: 3_000 },
      { start: 500, end: 2_500 },
      { start: 0, end: 2_000 },
      { start: -500, end: 1_500 },
    ]);
    expect(
      SlidingEventTimeWindows.of(2_000, 500)
        .assignWindows(1_000, NO_TIME)
        .map((w) => w.start),
    ).toEqual([1_000, 500, 0, -500]);
  });

  test('with an offset, and a size that is not a multiple of the slide', () => {
    expect(SlidingEventTimeWindows.of(1_000, 500, 100).assignWindows(650, NO_TIME)).toEqual([
      { start: 600, end: 1_600 },
      { start: 100, end: 1_100 },
    ]);
    expect(SlidingEventTimeWindows.of(1_000, 400).assignWindows(850, NO_TIME)).toEqual([
      { start: 800, end: 1_800 },
      { start: 400, end: 1_400 },
      { start: 0, end: 1_000 },
    ]);
  });

  test('property: every window contains the element and the count is size/slide', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (ratio, slide, ts) => {
          const size = ratio * slide;
          const windows = SlidingEventTimeWindows.of(size, slide).assignWindows(ts, NO_TIME);
          expect(windows.length).toBe(ratio);
          for (const w of windows) {
            expect(w.end - w.start).toBe(size);
            expect(w.start <= ts && ts < w.end).toBe(true);
            expect(((w.start % slide) + slide) % slide).toBe(0);
          }
          expect(new Set(windows.map((w) => w.start)).size).toBe(ratio);
        },
      ),
    );
  });

  test('processing-time sliding windows use the clock', () => {
    expect(SlidingProcessingTimeWindows.of(200, 100).assignWindows(undefined, 250)).toEqual([
      { start: 200, end: 400 },
      { start: 100, end: 300 },
    ]);
  });
});

describe('session windows', () => {
  test('[ts, ts + gap), merging', () => {
    const a = EventTimeSessionWindows.withGap(50);
    expect(a.isMerging).toBe(true);
    expect(a.assignWindows(1_000, NO_TIME)).toEqual([{ start: 1_000, end: 1_050 }]);
    expect(a.assignWindows(-10, NO_TIME)).toEqual([{ start: -10, end: 40 }]);
    expect(ProcessingTimeSessionWindows.withGap(50).assignWindows(undefined, 7)).toEqual([{ start: 7, end: 57 }]);
  });
});

describe('assigner arguments', () => {
  test('event-time assigners throw MissingTimestampError for a record without a timestamp', () => {
    for (const a of [
      TumblingEventTimeWindows.of(10),
      SlidingEventTimeWindows.of(10, 5),
      EventTimeSessionWindows.withGap(10),
    ]) {
      expect(() => a.assignWindows(undefined, 123)).toThrow(MissingTimestampError);
    }
    try {
      TumblingEventTimeWindows.of(10).assignWindows(undefined, 0);
    } catch (e) {
      expect((e as MissingTimestampError).code).toBe('MISSING_TIMESTAMP');
    }
  });

  test('bad sizes, slides, gaps and offsets throw RangeError', () => {
    expect(() => TumblingEventTimeWindows.of(0)).toThrow(RangeError);
    expect(() => TumblingEventTimeWindows.of(-5)).toThrow(RangeError);
    expect(() => TumblingEventTimeWindows.of(Number.NaN)).toThrow(RangeError);
    expect(() => TumblingEventTimeWindows.of(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => TumblingEventTimeWindows.of(100, 100)).toThrow(RangeError);
    expect(() => TumblingEventTimeWindows.of(100, -100)).toThrow(RangeError);
    expect(() => TumblingProcessingTimeWindows.of(0)).toThrow(RangeError);
    expect(() => SlidingEventTimeWindows.of(100, 0)).toThrow(RangeError);
    expect(() => SlidingEventTimeWindows.of(0, 10)).toThrow(RangeError);
    expect(() => SlidingEventTimeWindows.of(100, 10, 10)).toThrow(RangeError);
    expect(() => EventTimeSessionWindows.withGap(0)).toThrow(RangeError);
    expect(() => ProcessingTimeSessionWindows.withGap(-1)).toThrow(RangeError);
    expect(() => TumblingEventTimeWindows.of(100, 99)).not.toThrow();
  });

  test('property: windowStart gives start <= ts < start + size, aligned to the offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
        fc.double({ min: -0.999, max: 0.999, noNaN: true }),
        (size, ts, offsetFraction) => {
          const offset = Math.trunc(offsetFraction * size);
          const start = windowStart(ts, offset, size);
          expect(start).toBeLessThanOrEqual(ts);
          expect(ts).toBeLessThan(start + size);
          expect((start - offset) % size === 0).toBe(true);
          expect(TumblingEventTimeWindows.of(size, offset).assignWindows(ts, NO_TIME)).toEqual([
            { start, end: start + size },
          ]);
        },
      ),
    );
  });
});

type Emitted = { watermark: number } | 'idle' | 'active';

function recorder(): { out: WatermarkOutput; seen: Emitted[] } {
  const seen: Emitted[] = [];
  return {
    seen,
    out: {
      emitWatermark: (watermark) => seen.push({ watermark }),
      markIdle: () => seen.push('idle'),
      markActive: () => seen.push('active'),
    },
  };
}

describe('WatermarkStrategy', () => {
  const context = { now: () => 0 };

  test('forBoundedOutOfOrderness emits max - bound - 1 on periodic emit, nothing before the first event', () => {
    const generator = WatermarkStrategy.forBoundedOutOfOrderness<number>(100).createGenerator(context)!;
    const { out, seen } = recorder();
    generator.onPeriodicEmit(out);
    expect(seen).toEqual([]);
    generator.onEvent(0, 1_000, out);
    generator.onEvent(0, 1_500, out);
    generator.onEvent(0, 1_200, out); // older: the max stays
    expect(seen).toEqual([]); // periodic, not punctuated
    generator.onPeriodicEmit(out);
    expect(seen).toEqual([{ watermark: 1_399 }]);
    generator.onEvent(0, 2_000, out);
    generator.onPeriodicEmit(out);
    expect(seen).toEqual([{ watermark: 1_399 }, { watermark: 1_899 }]);
  });

  test('forMonotonousTimestamps emits max - 1; noWatermarks makes no generator', () => {
    const generator = WatermarkStrategy.forMonotonousTimestamps<number>().createGenerator(context)!;
    const { out, seen } = recorder();
    generator.onEvent(0, 10, out);
    generator.onPeriodicEmit(out);
    expect(seen).toEqual([{ watermark: 9 }]);
    const none = WatermarkStrategy.noWatermarks<number>();
    expect(none.hasWatermarks).toBe(false);
    expect(none.createGenerator(context)).toBeUndefined();
  });

  test('strategies are immutable and validate their durations', () => {
    const base = WatermarkStrategy.forBoundedOutOfOrderness<{ t: number }>(5);
    const withTs = base.withTimestampAssigner((e) => e.t);
    expect(base.timestampAssigner).toBeUndefined();
    expect(withTs.timestampAssigner?.({ t: 42 }, undefined)).toBe(42);
    const idle = withTs.withIdleness(300);
    expect(withTs.idlenessMs).toBeUndefined();
    expect(idle.idlenessMs).toBe(300);
    expect(idle.createGenerator(context)).toBeInstanceOf(IdlenessGenerator);
    expect(withTs.createGenerator(context)).toBeInstanceOf(BoundedOutOfOrdernessGenerator);
    expect(() => WatermarkStrategy.forBoundedOutOfOrderness(-1)).toThrow(RangeError);
    expect(() => base.withIdleness(0)).toThrow(RangeError);
    expect(() => base.withIdleness(Number.NaN)).toThrow(RangeError);
  });
});

describe('IdlenessGenerator', () => {
  function idleness(timeoutMs: number) {
    let now = 0;
    const generator = new IdlenessGenerator<number>(new BoundedOutOfOrdernessGenerator<number>(10), timeoutMs, {
      now: () => now,
    });
    const { out, seen } = recorder();
    return {
      generator,
      out,
      seen,
      at: (t: number) => {
        now = t;
      },
    };
  }

  test('goes idle only after a periodic emit that saw no events, plus the timeout; emits the last watermark first', () => {
    const { generator, out, seen, at } = idleness(100);
    generator.onEvent(0, 1_000, out);
    at(5_000); // long after the event, but no periodic emit has seen the silence yet
    generator.onPeriodicEmit(out);
    expect(seen).toEqual([{ watermark: 989 }]);
    at(5_050);
    generator.onPeriodicEmit(out); // the first emit with no new events: inactivity starts now
    at(5_149);
    generator.onPeriodicEmit(out);
    expect(seen).toEqual([{ watermark: 989 }, { watermark: 989 }, { watermark: 989 }]);
    at(5_150);
    generator.onPeriodicEmit(out);
    expect(seen.at(-1)).toBe('idle');
    at(5_500);
    generator.onPeriodicEmit(out); // idle once
    expect(seen).toEqual([{ watermark: 989 }, { watermark: 989 }, { watermark: 989 }, 'idle']);
  });

  test('goes active again on the next event, and the watermark follows', () => {
    const { generator, out, seen, at } = idleness(100);
    generator.onEvent(0, 1_000, out);
    generator.onPeriodicEmit(out);
    at(200);
    generator.onPeriodicEmit(out);
    at(300);
    generator.onPeriodicEmit(out);
    expect(seen.at(-1)).toBe('idle');
    seen.length = 0;
    at(310);
    generator.onEvent(0, 2_000, out);
    expect(seen).toEqual(['active']);
    generator.onEvent(0, 2_100, out);
    expect(seen).toEqual(['active']);
    at(400);
    generator.onPeriodicEmit(out);
    expect(seen).toEqual(['active', { watermark: 2_089 }]);
    // The silence is measured afresh.
    at(500);
    generator.onPeriodicEmit(out);
    at(599);
    generator.onPeriodicEmit(out);
    expect(seen.filter((e) => e === 'idle')).toEqual([]);
    at(600);
    generator.onPeriodicEmit(out);
    expect(seen.at(-1)).toBe('idle');
  });

  test('an input that never had an event goes idle without a watermark', () => {
    const { generator, out, seen, at } = idleness(100);
    generator.onPeriodicEmit(out);
    at(100);
    generator.onPeriodicEmit(out);
    expect(seen).toEqual(['idle']);
  });
});
