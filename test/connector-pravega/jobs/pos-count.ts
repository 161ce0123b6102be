// PravegaSource (bounded by PRAVEGA_END_CUT) -> keyed count -> PravegaSink exactly-once into PRAVEGA_OUT. Every event
// { key, seq } comes out as { key, seq, count }, `count` being the key's count in keyed state after it. Checkpoints are
// all retained after the job, so a test can compare each one's keyed state with its reader-group checkpoint.
import {
  defineJob,
  type KeyedProcessFunction,
  RestartStrategy,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';
import { testExactlyOnceSink, testSource } from './endpoints.ts';
import type { SeqEvent } from './scale-ordered.ts';

export interface CountedEvent extends SeqEvent {
  count: number;
}

function counter(): KeyedProcessFunction<string, SeqEvent, CountedEvent> {
  let count: ValueState<number> | undefined;
  let seen = 0;
  return {
    open(context) {
      count = context.getState(valueState<number>('count', { defaultValue: 0 }));
    },
    processElement(event, _context, out) {
      const next = count!.value()! + 1;
      count!.update(next);
      // Slow the job down so that several checkpoints complete while it reads.
      if (++seen % 25 === 0) for (const until = Date.now() + 2; Date.now() < until; );
      out.collect({ key: event.key, seq: event.seq, count: next });
    },
  };
}

export default defineJob('test-pravega-barrier-position', (env) => {
  env.enableCheckpointing(50);
  // PRAVEGA_CHECKPOINT_TIMEOUT_MS: a short timeout makes checkpoints expire after readers queued their markers.
  env.checkpointConfig.timeoutMs = Number(process.env.PRAVEGA_CHECKPOINT_TIMEOUT_MS ?? 10_000);
  env.checkpointConfig.tolerableFailures = 1000;
  env.checkpointConfig.retained = 1000;
  env.checkpointConfig.retainOnTermination = true;
  env.setRestartStrategy(RestartStrategy.fixedDelay(3, 50));
  env
    .fromSource(testSource<SeqEvent>(true), WatermarkStrategy.noWatermarks(), 'pravega-in')
    .uid('pravega-in')
    .keyBy((e) => e.key)
    .process(counter())
    .uid('count')
    .sinkTo(testExactlyOnceSink<CountedEvent>(), 'counted')
    .uid('counted');
});
