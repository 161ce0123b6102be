// Punctuated watermarks (one per event) make lateness exact: a tumbling count with allowed lateness and a late side
// output.
import {
  collectSink,
  defineJob,
  GeneratorSource,
  OutputTag,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '@dhara/core';

export interface Click {
  user: string;
  ts: number;
}

export const LATE = new OutputTag<Click>('late');

/** In this order: the watermark follows each event exactly (bound 0). */
export const CLICKS: readonly Click[] = [
  { user: 'ann', ts: 100 },
  { user: 'bob', ts: 200 },
  { user: 'ann', ts: 500 },
  { user: 'ann', ts: 1_200 }, // watermark 1199: [0, 1000) fires: ann 2, bob 1
  { user: 'ann', ts: 700 }, // late, within the allowed 500 ms: [0, 1000) fires again with ann 3
  { user: 'bob', ts: 2_600 }, // watermark 2599: [1000, 2000) fires: ann 1; [0, 1000) is cleaned up at 1499
  { user: 'ann', ts: 300 }, // too late: side output only
  { user: 'bob', ts: 999 }, // too late: side output only
  { user: 'ann', ts: 2_100 }, // on time for [2000, 3000)
];

export default defineJob('test-late-data', (env) => {
  const counts = env
    .fromSource(
      GeneratorSource.of({ count: CLICKS.length, splits: 1, generate: (i) => CLICKS[i]! }),
      WatermarkStrategy.forGenerator<Click>(() => ({
        onEvent: (_e, ts, output) => output.emitWatermark(ts - 1),
        onPeriodicEmit: () => {},
      })).withTimestampAssigner((c) => c.ts),
      'clicks',
    )
    .setParallelism(1)
    .keyBy((c) => c.user)
    .window(TumblingEventTimeWindows.of(1_000))
    .allowedLateness(500)
    .sideOutputLateData(LATE)
    .aggregate(
      {
        createAccumulator: () => ({ user: '', clicks: 0 }),
        add: (c: Click, acc: { user: string; clicks: number }) => ({ user: c.user, clicks: acc.clicks + 1 }),
        getResult: (acc) => acc,
        merge: (a, b) => ({ user: a.user || b.user, clicks: a.clicks + b.clicks }),
      },
      {
        process(user, context, [acc], out) {
          out.collect({ user, window: context.window.start, clicks: acc!.clicks });
        },
      },
    );
  counts.sinkTo(collectSink('counts'));
  counts.getSideOutput(LATE).sinkTo(collectSink('late'));
});
