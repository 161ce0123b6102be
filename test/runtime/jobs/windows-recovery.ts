// Event-time windows and keyed timers through a failure: tumbling window sums and a per-second timer count over the
// out-of-order events, checkpointed every 20 ms. A short spin per record keeps the job running long enough for
// checkpoints to complete before the injected failure.
import {
  collectSink,
  defineJob,
  GeneratorSource,
  type KeyedProcessFunction,
  RestartStrategy,
  TumblingEventTimeWindows,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';
import { EVENT_COUNT, EVENTS, type Event, MAX_OUT_OF_ORDERNESS_MS } from './events.ts';

function spin(microseconds: number): void {
  const until = performance.now() + microseconds / 1000;
  while (performance.now() < until) {
    // busy: stands for real per-record work
  }
}

function perSecond(): KeyedProcessFunction<string, Event, { key: string; second: number; count: number }> {
  let counts: ValueState<Record<number, number>> | undefined;
  return {
    open(context) {
      counts = context.getState(valueState<Record<number, number>>('per-second', { defaultValue: {} }));
    },
    processElement(e, context) {
      const second = Math.floor(e.ts / 1000);
      counts!.update({ ...counts!.value(), [second]: (counts!.value()![second] ?? 0) + 1 });
      context.timerService.registerEventTimeTimer(second * 1000 + 999);
    },
    onTimer(timestamp, context, out) {
      const second = (timestamp - 999) / 1000;
      out.collect({ key: context.currentKey, second, count: counts!.value()![second] ?? 0 });
    },
  };
}

export default defineJob('test-windows-recovery', (env) => {
  env.enableCheckpointing(20);
  env.setRestartStrategy(RestartStrategy.fixedDelay(2, 50));
  const events = env
    .fromSource(
      GeneratorSource.of({ count: EVENT_COUNT, splits: 1, generate: (i) => EVENTS[i]! }),
      WatermarkStrategy.forBoundedOutOfOrderness<Event>(MAX_OUT_OF_ORDERNESS_MS).withTimestampAssigner((e) => e.ts),
      'events',
    )
    .setParallelism(1)
    .uid('events')
    .map((e: Event) => {
      spin(40);
      return e;
    })
    .setParallelism(1)
    .uid('slow');
  events
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(1_000))
    .aggregate(
      {
        createAccumulator: () => ({ count: 0, sum: 0 }),
        add: (e: Event, acc: { count: number; sum: number }) => ({ count: acc.count + 1, sum: acc.sum + e.value }),
        getResult: (acc) => acc,
        merge: (a, b) => ({ count: a.count + b.count, sum: a.sum + b.sum }),
      },
      {
        process(key, context, [acc], out) {
          out.collect({ key, start: context.window.start, ...acc! });
        },
      },
    )
    .uid('windows')
    .sinkTo(collectSink('windows'));
  events
    .keyBy((e) => e.key)
    .process(perSecond())
    .uid('timers')
    .sinkTo(collectSink('seconds'));
});
