// The chaos pipeline: PravegaSource (input sealed when written, so the job ends) -> keyed running count per key ->
// PravegaSink exactly-once. Each output row carries the key's count after its event: with exactly-once state, the
// n-th event of a key (seq n - 1) always reports count n, whatever failed on the way.
import { PravegaSink, PravegaSource } from '@dhara/connector-pravega';
import {
  defineJob,
  type KeyedProcessFunction,
  RestartStrategy,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';

export interface ChaosEvent {
  readonly key: string;
  /** Position of the event within its key, from 0 (events of a key share a routing key: they stay in order). */
  readonly seq: number;
}

export interface ChaosRow extends ChaosEvent {
  readonly count: number;
}

function runningCount(): KeyedProcessFunction<string, ChaosEvent, ChaosRow> {
  let count: ValueState<number> | undefined;
  return {
    open(context) {
      count = context.getState(valueState<number>('count', { defaultValue: 0 }));
    },
    processElement(event, _context, out) {
      const next = count!.value()! + 1;
      count!.update(next);
      // A little work per record, so that checkpoints and failures land while the job reads.
      if (next % 10 === 0) for (const until = Date.now() + 2; Date.now() < until; );
      out.collect({ ...event, count: next });
    },
  };
}

export default defineJob('chaos-pipeline', (env) => {
  const controller = `127.0.0.1:${process.env.CHAOS_PORT}`;
  const scope = process.env.CHAOS_SCOPE!;
  env.enableCheckpointing(Number(process.env.CHAOS_INTERVAL_MS ?? 50));
  env.checkpointConfig.timeoutMs = 10_000;
  env.setRestartStrategy(RestartStrategy.fixedDelay(5, 50));
  env
    .fromSource(
      new PravegaSource<ChaosEvent>({
        controller,
        scope,
        streams: [process.env.CHAOS_IN!],
        readerGroup: `rg-${process.env.CHAOS_IN}`,
        eventReadTimeoutMs: 50,
      }),
      WatermarkStrategy.noWatermarks(),
      'in',
    )
    .uid('in')
    .keyBy((e) => e.key)
    .process(runningCount())
    .uid('count')
    .sinkTo(
      PravegaSink.exactlyOnce<ChaosRow>({
        controller,
        scope,
        stream: process.env.CHAOS_OUT!,
        routingKey: 'key',
        transactionTimeoutMs: 30_000,
      }),
      'out',
    )
    .uid('out');
});
