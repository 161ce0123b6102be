// PravegaSource (bounded by an end cut) -> keyed count -> PravegaSink exactly-once into PRAVEGA_OUT: each key's
// count is written when it reaches PRAVEGA_PER_KEY, and every count beyond it (which only a duplicate would cause).
import {
  defineJob,
  type KeyedProcessFunction,
  RestartStrategy,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';
import { testExactlyOnceSink, testSource } from './endpoints.ts';

export interface InRow {
  i: number;
  key: string;
}

function counter(perKey: number): KeyedProcessFunction<string, InRow, { key: string; count: number }> {
  let count: ValueState<number> | undefined;
  return {
    open(context) {
      count = context.getState(valueState<number>('count', { defaultValue: 0 }));
    },
    processElement(_row, context, out) {
      const next = count!.value()! + 1;
      count!.update(next);
      // Slow the job down so that several checkpoints complete while it reads.
      if (next % 25 === 0) for (const until = Date.now() + 3; Date.now() < until; );
      if (next >= perKey) out.collect({ key: context.currentKey, count: next });
    },
  };
}

export default defineJob('test-pravega-source', (env) => {
  env.enableCheckpointing(Number(process.env.PRAVEGA_INTERVAL_MS ?? 50));
  env.checkpointConfig.timeoutMs = 10_000;
  env.setRestartStrategy(RestartStrategy.fixedDelay(3, 50));
  env
    .fromSource(testSource<InRow>(true), WatermarkStrategy.noWatermarks(), 'pravega-in')
    .uid('pravega-in')
    .keyBy((r) => r.key)
    .process(counter(Number(process.env.PRAVEGA_PER_KEY)))
    .uid('count')
    .sinkTo(testExactlyOnceSink<{ key: string; count: number }>(), 'counts')
    .uid('counts');
});
