// PravegaSource over PRAVEGA_IN (unbounded: it ends when the stream is sealed and read to its end) -> keyed check of
// per-key order -> PravegaSink exactly-once into PRAVEGA_OUT. Each input event { key, seq } comes out once as
// { key, seq, expected }, where `expected` is the key's next sequence number in keyed state when the event came:
// equal to `seq` when the key's events arrive in order, each once.
import {
  defineJob,
  type KeyedProcessFunction,
  RestartStrategy,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';
import { testExactlyOnceSink, testSource } from './endpoints.ts';

export interface SeqEvent {
  key: string;
  seq: number;
}

export interface CheckedEvent extends SeqEvent {
  expected: number;
}

function orderCheck(slow: boolean): KeyedProcessFunction<string, SeqEvent, CheckedEvent> {
  let next: ValueState<number> | undefined;
  let seen = 0;
  return {
    open(context) {
      next = context.getState(valueState<number>('next', { defaultValue: 0 }));
    },
    processElement(event, _context, out) {
      const expected = next!.value()!;
      next!.update(Math.max(expected, event.seq + 1));
      // PRAVEGA_SLOW: lag behind the source, so its readers hold events read ahead of the task.
      if (slow && ++seen % 25 === 0) for (const until = Date.now() + 3; Date.now() < until; );
      out.collect({ key: event.key, seq: event.seq, expected });
    },
  };
}

export default defineJob('test-pravega-scale-ordered', (env) => {
  env.enableCheckpointing(Number(process.env.PRAVEGA_INTERVAL_MS ?? 100));
  env.checkpointConfig.timeoutMs = 10_000;
  env.setRestartStrategy(
    process.env.PRAVEGA_NO_RESTART === '1' ? RestartStrategy.none() : RestartStrategy.fixedDelay(3, 50),
  );
  env
    .fromSource(testSource<SeqEvent>(false), WatermarkStrategy.noWatermarks(), 'pravega-in')
    .uid('pravega-in')
    .keyBy((e) => e.key)
    .process(orderCheck(process.env.PRAVEGA_SLOW === '1'))
    .uid('order-check')
    .sinkTo(testExactlyOnceSink<CheckedEvent>(), 'checked')
    .uid('checked');
});
