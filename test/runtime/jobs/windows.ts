// Tumbling, sliding or session windows (WINDOW_KIND) over out-of-order events, with each kind of window function.
import {
  collectSink,
  defineJob,
  EventTimeSessionWindows,
  GeneratorSource,
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '@dhara/core';
import { EVENT_COUNT, EVENTS, type Event, MAX_OUT_OF_ORDERNESS_MS, type WindowResult } from './events.ts';

export const TUMBLE_MS = 1_000;
export const SLIDE = { size: 2_000, slide: 500 };
export const SESSION_GAP_MS = 50;

export default defineJob('test-windows', (env) => {
  const events = env
    .fromSource(
      GeneratorSource.of({ count: EVENT_COUNT, splits: 1, generate: (i) => EVENTS[i]! }),
      WatermarkStrategy.forBoundedOutOfOrderness<Event>(MAX_OUT_OF_ORDERNESS_MS).withTimestampAssigner((e) => e.ts),
      'events',
    )
    .setParallelism(1)
    .rebalance()
    .map((e: Event) => e)
    .keyBy((e) => e.key);

  const kind = process.env.WINDOW_KIND ?? 'tumbling';
  if (kind === 'tumbling') {
    // reduce + a process window function that adds the window
    events
      .map((e) => ({ key: e.key, start: 0, end: 0, count: 1, sum: e.value }))
      .keyBy((r) => r.key)
      .window(TumblingEventTimeWindows.of(TUMBLE_MS))
      // biome-ignore lint/performance/noAccumulatingSpread: a window ReduceFunction merging two records, not Array.reduce
      .reduce<WindowResult>((a, b) => ({ ...a, count: a.count + b.count, sum: a.sum + b.sum }), {
        process(key, context, elements, out) {
          for (const r of elements) out.collect({ ...r, key, start: context.window.start, end: context.window.end });
        },
      })
      .sinkTo(collectSink('results'));
  } else if (kind === 'sliding') {
    // aggregate + a process window function
    events
      .window(SlidingEventTimeWindows.of(SLIDE.size, SLIDE.slide))
      .aggregate<{ count: number; sum: number }, { count: number; sum: number }, WindowResult>(
        {
          createAccumulator: () => ({ count: 0, sum: 0 }),
          add: (e, acc) => ({ count: acc.count + 1, sum: acc.sum + e.value }),
          getResult: (acc) => acc,
          merge: (a, b) => ({ count: a.count + b.count, sum: a.sum + b.sum }),
        },
        {
          process(key, context, [acc], out) {
            out.collect({ key, start: context.window.start, end: context.window.end, ...acc! });
          },
        },
      )
      .sinkTo(collectSink('results'));
  } else {
    // merging session windows with a process window function over all elements
    events
      .window(EventTimeSessionWindows.withGap(SESSION_GAP_MS))
      .process<WindowResult>({
        process(key, context, elements, out) {
          out.collect({
            key,
            start: context.window.start,
            end: context.window.end,
            count: elements.length,
            sum: elements.reduce((s, e) => s + e.value, 0),
          });
        },
      })
      .sinkTo(collectSink('results'));
  }
});
