// Flink's StateCheckpointedITCase shape: source -> filter -> map -> keyBy -> keyed count in value state, with
// checkpoints every 200 ms; each key's final count is emitted once, when the input ends (its event-time timer at the
// end of time fires on the final watermark).
import {
  collectSink,
  defineJob,
  GeneratorSource,
  type KeyedProcessFunction,
  RestartStrategy,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';

export const RECORDS = Number(process.env.COUNT_RECORDS ?? 1_000_000);
export const KEYS = 1_000;

export interface Count {
  key: number;
  count: number;
  sum: number;
}

function counter(): KeyedProcessFunction<number, { key: number; value: number }, Count> {
  let state: ValueState<{ count: number; sum: number }> | undefined;
  return {
    open(context) {
      state = context.getState(valueState('count', { defaultValue: { count: 0, sum: 0 } }));
    },
    processElement(record, context) {
      const current = state!.value()!;
      if (current.count === 0) context.timerService.registerEventTimeTimer(Number.MAX_SAFE_INTEGER);
      state!.update({ count: current.count + 1, sum: current.sum + record.value });
    },
    onTimer(_timestamp, context, out) {
      out.collect({ key: context.currentKey, ...state!.value()! });
    },
  };
}

export default defineJob('test-keyed-count', (env) => {
  env.enableCheckpointing(
    Number(process.env.CHECKPOINT_INTERVAL_MS ?? 200),
    (process.env.CHECKPOINT_MODE ?? 'exactly-once') as 'exactly-once',
  );
  env.checkpointConfig.retained = Number(process.env.CHECKPOINT_RETAINED ?? 1);
  env.checkpointConfig.retainOnTermination = true;
  env.setRestartStrategy(RestartStrategy.fixedDelay(3, 100));
  env
    .fromSource(
      GeneratorSource.of({ count: RECORDS, splits: 16, generate: (i) => ({ key: i % KEYS, value: i }) }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers')
    .filter((r) => r.value >= 0)
    .uid('filter')
    .map((r) => ({ key: r.key, value: r.value }))
    .uid('map')
    .keyBy((r) => r.key)
    .process(counter())
    .uid('count')
    .sinkTo(collectSink<Count>('counts'));
});
