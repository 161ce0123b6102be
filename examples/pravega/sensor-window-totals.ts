// The job of the exactly-once demo (examples/pravega-exactly-once.ts): sensor readings from a Pravega stream, per
// sensor and 500 ms of event time, count / sum / min / max, written exactly-once into another Pravega stream.
// Readings that arrive too late for their window go to a third stream, so nothing is dropped silently.
import { PravegaSink, PravegaSource } from '@dhara/connector-pravega';
import { defineJob, OutputTag, RestartStrategy, TumblingEventTimeWindows, WatermarkStrategy } from '@dhara/core';

export interface Reading {
  readonly seq: number;
  readonly sensor: string;
  readonly value: number;
  readonly ts: number;
}

export interface WindowTotal {
  readonly sensor: string;
  readonly windowStart: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

export const WINDOW_MS = 500;
export const OUT_OF_ORDERNESS_MS = 2_000;
export const SCOPE = 'demo';
export const READINGS = 'sensor-readings';
export const TOTALS = 'window-totals';
export const LATE = 'late-readings';

interface Totals {
  count: number;
  sum: number;
  min: number;
  max: number;
}

const LATE_READINGS = new OutputTag<Reading>('late-readings');

export default defineJob('pravega-exactly-once', (env) => {
  const controller = process.env.DEMO_PRAVEGA ?? '127.0.0.1:9090';
  env.enableCheckpointing(Number(process.env.DEMO_CHECKPOINT_MS ?? 200));
  env.checkpointConfig.timeoutMs = 10_000;
  env.setRestartStrategy(RestartStrategy.fixedDelay(3, 100));

  const totals = env
    .fromSource(
      new PravegaSource<Reading>({ controller, scope: SCOPE, streams: [READINGS], readerGroup: 'demo-readers' }),
      WatermarkStrategy.forBoundedOutOfOrderness<Reading>(OUT_OF_ORDERNESS_MS).withTimestampAssigner((r) => r.ts),
      'readings',
    )
    .uid('readings')
    .keyBy((r) => r.sensor)
    .window(TumblingEventTimeWindows.of(WINDOW_MS))
    .sideOutputLateData(LATE_READINGS)
    .aggregate(
      {
        createAccumulator: (): Totals => ({ count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: -Infinity }),
        add: (r: Reading, t: Totals) => ({
          count: t.count + 1,
          sum: t.sum + r.value,
          min: Math.min(t.min, r.value),
          max: Math.max(t.max, r.value),
        }),
        getResult: (t) => t,
        merge: (a, b) => ({
          count: a.count + b.count,
          sum: a.sum + b.sum,
          min: Math.min(a.min, b.min),
          max: Math.max(a.max, b.max),
        }),
      },
      {
        process(sensor, context, [t], out) {
          out.collect({ sensor, windowStart: context.window.start, ...t! });
        },
      },
    )
    .uid('window-totals');

  totals
    .sinkTo(
      PravegaSink.exactlyOnce<WindowTotal>({
        controller,
        scope: SCOPE,
        stream: TOTALS,
        routingKey: 'sensor',
        transactionTimeoutMs: 60_000,
      }),
      'totals-out',
    )
    .uid('totals-out');
  totals
    .getSideOutput(LATE_READINGS)
    .sinkTo(
      PravegaSink.exactlyOnce<Reading>({ controller, scope: SCOPE, stream: LATE, routingKey: 'sensor' }),
      'late-out',
    )
    .uid('late-out');
});
