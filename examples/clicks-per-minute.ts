// Clicks per user per minute of event time, from out-of-order input with one element too late: the event-time
// example. Bounded, so it ends by itself; the late click is printed on its own side output.
//   npx dhara run examples/clicks-per-minute.ts --parallelism 2
import {
  defineJob,
  GeneratorSource,
  OutputTag,
  TumblingEventTimeWindows,
  type WatermarkGenerator,
  WatermarkStrategy,
} from '@dhara/core';

export interface Click {
  user: string;
  page: string;
  ts: number;
}

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

/** A morning of clicks, out of order by up to 20 s, and one that arrives 2 minutes late. */
export const CLICKS: readonly Click[] = [
  { user: 'ann', page: '/home', ts: T0 + 5_000 },
  { user: 'bob', page: '/home', ts: T0 + 12_000 },
  { user: 'ann', page: '/cart', ts: T0 + 3_000 },
  { user: 'ann', page: '/pay', ts: T0 + 61_000 },
  { user: 'bob', page: '/shop', ts: T0 + 58_000 },
  { user: 'cid', page: '/home', ts: T0 + 70_000 },
  { user: 'bob', page: '/cart', ts: T0 + 119_000 },
  { user: 'ann', page: '/home', ts: T0 + 125_000 },
  { user: 'cid', page: '/shop', ts: T0 + 185_000 },
  { user: 'bob', page: '/home', ts: T0 + 30_000 }, // 2.5 minutes behind: too late even with 30 s allowed lateness
  { user: 'cid', page: '/pay', ts: T0 + 190_000 },
];

/** Like forBoundedOutOfOrderness, but emits its watermark (max - bound - 1) with every event. */
function punctuatedBoundedOutOfOrderness(boundMs: number): WatermarkGenerator<Click> {
  let max = Number.NEGATIVE_INFINITY;
  return {
    onEvent(_click, timestamp, output) {
      max = Math.max(max, timestamp);
      output.emitWatermark(max - boundMs - 1);
    },
    onPeriodicEmit() {},
  };
}

export const LATE_CLICKS = new OutputTag<Click>('late-clicks');

export default defineJob('clicks-per-minute', (env) => {
  const perMinute = env
    .fromSource(
      GeneratorSource.of({ count: CLICKS.length, splits: 1, generate: (i) => CLICKS[i]! }),
      // Watermarks after every click (punctuated), so that what is late does not depend on timing.
      WatermarkStrategy.forGenerator<Click>(() => punctuatedBoundedOutOfOrderness(20_000)).withTimestampAssigner(
        (c) => c.ts,
      ),
      'clicks',
    )
    .setParallelism(1)
    .keyBy((c) => c.user)
    .window(TumblingEventTimeWindows.of(MINUTE))
    .allowedLateness(30_000)
    .sideOutputLateData(LATE_CLICKS)
    .aggregate(
      {
        createAccumulator: () => 0,
        add: (_c: Click, n: number) => n + 1,
        getResult: (n) => n,
        merge: (a, b) => a + b,
      },
      {
        process(user, context, [clicks], out) {
          const minute = new Date(context.window.start).toISOString().slice(11, 16);
          out.collect(`${minute} ${user} ${clicks} click${clicks === 1 ? '' : 's'}`);
        },
      },
    )
    .uid('clicks-per-minute');

  perMinute.print('count');
  perMinute.getSideOutput(LATE_CLICKS).print('late');
});
