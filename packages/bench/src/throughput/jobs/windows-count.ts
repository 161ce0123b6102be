// generator -> keyBy -> tumbling 1 s event-time window counting per key -> tallying sink: the windows pipeline of the
// throughput bench (formerly bench/windows.ts).
import {
  type AggregateFunction,
  defineJob,
  GeneratorSource,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '@dhara/core';
import {
  type BenchRecord,
  hashWindowCount,
  OUT_OF_ORDERNESS_MS,
  recordAt,
  recordCount,
  WINDOW_MS,
  type WindowCount,
} from '../workloads/index.ts';
import { reportingSink } from './lib/index.ts';

const countRecords: AggregateFunction<BenchRecord, number, number> = {
  createAccumulator: () => 0,
  add: (_record, count) => count + 1,
  getResult: (count) => count,
  merge: (a, b) => a + b,
};

export default defineJob('bench-windows-count', (env) => {
  env
    .fromSource(
      GeneratorSource.of<BenchRecord>({ count: recordCount(), splits: 1, generate: recordAt }),
      WatermarkStrategy.forBoundedOutOfOrderness<BenchRecord>(OUT_OF_ORDERNESS_MS).withTimestampAssigner((r) => r.ts),
      'generator',
    )
    // One reader keeps event time in order (1 ms per record); the windows run at the job's parallelism.
    .setParallelism(1)
    .keyBy((r) => r.key)
    .window(TumblingEventTimeWindows.of(WINDOW_MS))
    .aggregate<number, number, WindowCount>(countRecords, {
      process(key, context, counts, out) {
        out.collect({ key, start: context.window.start, count: counts[0]! });
      },
    })
    .name('count')
    .sinkTo(reportingSink(hashWindowCount), 'sink');
});
