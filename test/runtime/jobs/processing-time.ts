// Processing-time windows over a rate-limited source: tumbling counts and sliding counts per key.
import {
  collectSink,
  defineJob,
  GeneratorSource,
  SlidingProcessingTimeWindows,
  TumblingProcessingTimeWindows,
  WatermarkStrategy,
} from '@dhara/core';

export const RECORDS = 6_000;
export const SLIDE = { size: 200, slide: 100 };

const count = {
  createAccumulator: () => 0,
  add: (_v: number, n: number) => n + 1,
  getResult: (n: number) => n,
  merge: (a: number, b: number) => a + b,
};

export default defineJob('test-processing-time', (env) => {
  const keyed = env
    .fromSource(
      GeneratorSource.of({ count: RECORDS, ratePerSecond: 12_000, generate: (i) => i % 3 }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .keyBy((n) => n);
  keyed
    .window(TumblingProcessingTimeWindows.of(100))
    .aggregate(count, {
      process(key, context, [n], out) {
        out.collect({ key, start: context.window.start, end: context.window.end, count: n! });
      },
    })
    .sinkTo(collectSink('tumbling'));
  keyed
    .window(SlidingProcessingTimeWindows.of(SLIDE.size, SLIDE.slide))
    .aggregate(count)
    .sinkTo(collectSink('sliding'));
});
