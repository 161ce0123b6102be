// generator -> keyBy -> tumbling 1 s event-time window counting per key -> discarding sink: the job of
// bench/windows.ts. The sink counts what it is given and reports it (over a BroadcastChannel named by
// WINDOWS_BENCH_CHANNEL) at the end of input, so the bench can check the job against its plain loop.
import { BroadcastChannel } from 'node:worker_threads';
import {
  type AggregateFunction,
  defineJob,
  discardingSink,
  GeneratorSource,
  type Sink,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '@dhara/core';
import { type BenchRecord, recordAt, recordCount } from '../lib/records.ts';

export const WINDOW_MS = 1_000;
export const OUT_OF_ORDERNESS_MS = 200;
export const CHANNEL_ENV = 'WINDOWS_BENCH_CHANNEL';

/** One fired window: a key's record count in the window starting at `start`. */
export interface WindowCount {
  readonly key: number;
  readonly start: number;
  readonly count: number;
}

/** What each sink subtask reports at the end of input. */
export interface SinkReport {
  readonly subtask: number;
  readonly windows: number;
  readonly records: number;
}

export const countRecords: AggregateFunction<BenchRecord, number, number> = {
  createAccumulator: () => 0,
  add: (_record, count) => count + 1,
  getResult: (count) => count,
  merge: (a, b) => a + b,
};

/** discardingSink(), plus a count of the windows and of the records they hold, reported at the end of input. */
function countingDiscard(channelName: string | undefined): Sink<WindowCount> {
  const inner = discardingSink<WindowCount>();
  return {
    async createWriter(context) {
      const writer = await inner.createWriter(context);
      let windows = 0;
      let records = 0;
      return {
        write(element, writeContext) {
          windows++;
          records += element.count;
          return writer.write(element, writeContext);
        },
        async flush(endOfInput) {
          await writer.flush(endOfInput);
          if (endOfInput && channelName !== undefined) {
            const channel = new BroadcastChannel(channelName);
            const report: SinkReport = { subtask: context.subtaskIndex, windows, records };
            channel.postMessage(report);
            channel.close();
          }
        },
        close: () => writer.close(),
      };
    },
  };
}

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
    .sinkTo(countingDiscard(process.env[CHANNEL_ENV]), 'discard');
});
