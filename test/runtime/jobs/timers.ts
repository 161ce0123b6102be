// A KeyedProcessFunction that counts per key and second in value state and emits on an event-time timer that it
// registers again for every element (timers are deduplicated, so each fires once).
import {
  collectSink,
  defineJob,
  GeneratorSource,
  type KeyedProcessFunction,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';
import { EVENT_COUNT, EVENTS, type Event, MAX_OUT_OF_ORDERNESS_MS } from './events.ts';

export interface SecondCount {
  key: string;
  second: number;
  count: number;
  firedAt: number;
}

function perSecondCounter(): KeyedProcessFunction<string, Event, SecondCount> {
  let counts: ValueState<Record<number, number>> | undefined;
  return {
    open(context) {
      counts = context.getState(valueState<Record<number, number>>('per-second', { defaultValue: {} }));
    },
    processElement(e, context) {
      const second = Math.floor(e.ts / 1000);
      const current = { ...counts!.value() };
      current[second] = (current[second] ?? 0) + 1;
      counts!.update(current);
      // Registered again for every element of the second: it must still fire once.
      context.timerService.registerEventTimeTimer(second * 1000 + 999);
    },
    onTimer(timestamp, context, out) {
      const second = (timestamp - 999) / 1000;
      const current = { ...counts!.value() };
      out.collect({ key: context.currentKey, second, count: current[second] ?? 0, firedAt: timestamp });
      delete current[second];
      counts!.update(current);
    },
  };
}

export default defineJob('test-timers', (env) => {
  env
    .fromSource(
      GeneratorSource.of({ count: EVENT_COUNT, splits: 1, generate: (i) => EVENTS[i]! }),
      WatermarkStrategy.forBoundedOutOfOrderness<Event>(MAX_OUT_OF_ORDERNESS_MS).withTimestampAssigner((e) => e.ts),
      'events',
    )
    .setParallelism(1)
    .keyBy((e) => e.key)
    .process(perSecondCounter())
    .sinkTo(collectSink('counts'));
});
