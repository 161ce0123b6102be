// Scenario 2, large state: an unthrottled generator over `keys` distinct keys (1,000,000 by default) -> keyBy ->
// a value state per key updated with every record -> discarding sink. The first `keys` records fill the state, every
// later one updates an entry, so the state stays at `keys` entries. Two tasks per parallel instance: source | count.
import {
  defineJob,
  discardingSink,
  GeneratorSource,
  type KeyedProcessFunction,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';
import { configureCheckpointing, numberSetting } from './lib/index.ts';

/** Keeps the running sum of the values of each key in value state; emits nothing (the state is the point). */
function summer(): KeyedProcessFunction<number, number, never> {
  let sum: ValueState<number> | undefined;
  return {
    open(context) {
      sum = context.getState(valueState<number>('sum', { defaultValue: 0 }));
    },
    processElement(value) {
      sum!.update(sum!.value()! + (value & 0xff));
    },
  };
}

/**
 * An endless generator's reader reads only the first split it gets (split k: indices k, k + SPLITS, ...), so the key
 * is the position within the split: every reader cycles through all the keys, at any parallelism up to SPLITS.
 */
const SPLITS = 8;

export default defineJob('bench-checkpoint-large-state', (env) => {
  configureCheckpointing(env);
  const keys = Math.max(1, numberSetting('keys', 1_000_000));
  env
    .fromSource(
      GeneratorSource.of<number>({ generate: (i) => i, splits: SPLITS }),
      WatermarkStrategy.noWatermarks(),
      'generator',
    )
    .uid('generator')
    .keyBy((i) => Math.floor(i / SPLITS) % keys)
    .process(summer())
    .name('sum')
    .uid('sum')
    .sinkTo(discardingSink(), 'discard');
});
