// PravegaSource (bounded by an end cut) -> keyed count -> PravegaSink exactly-once into PRAVEGA_OUT: each key's
// count is written when it reaches PRAVEGA_PER_KEY, and every count beyond it (which only a duplicate would cause).
import { PravegaSink, PravegaSource } from '@dhara/connector-pravega';
import {
  defineJob,
  type KeyedProcessFunction,
  RestartStrategy,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';

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
  const stream = process.env.PRAVEGA_IN!;
  env
    .fromSource(
      new PravegaSource<InRow>({
        controller: `127.0.0.1:${process.env.PRAVEGA_PORT}`,
        scope: process.env.PRAVEGA_SCOPE!,
        streams: [stream],
        readerGroup: `rg-${stream}`,
        endCuts: { [stream]: process.env.PRAVEGA_END_CUT! },
        eventReadTimeoutMs: 50,
      }),
      WatermarkStrategy.noWatermarks(),
      'pravega-in',
    )
    .uid('pravega-in')
    .keyBy((r) => r.key)
    .process(counter(Number(process.env.PRAVEGA_PER_KEY)))
    .uid('count')
    .sinkTo(
      PravegaSink.exactlyOnce<{ key: string; count: number }>({
        controller: `127.0.0.1:${process.env.PRAVEGA_PORT}`,
        scope: process.env.PRAVEGA_SCOPE!,
        stream: process.env.PRAVEGA_OUT!,
        routingKey: 'key',
        transactionTimeoutMs: 30_000,
      }),
      'counts',
    )
    .uid('counts');
});
