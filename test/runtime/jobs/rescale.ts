// Jobs to stop with a savepoint and resume at another parallelism. RESCALE_SOURCE picks the input: 'generator'
// (rate-limited numbers, keyed count emitted at the end) or 'files' (the lines of RESCALE_FILES, collected).
// RESCALE_EDIT changes the job for the savepoint-compatibility tests: 'add-operator' or 'drop-count'.
import { FileSource } from '@dhara/connector-files';
import {
  collectSink,
  defineJob,
  GeneratorSource,
  type KeyedProcessFunction,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';

export const RECORDS = 400_000;
export const KEYS = 500;

function counter(): KeyedProcessFunction<number, number, { key: number; count: number; sum: number }> {
  let state: ValueState<{ count: number; sum: number }> | undefined;
  return {
    open(context) {
      state = context.getState(valueState('count', { defaultValue: { count: 0, sum: 0 } }));
    },
    processElement(value, context) {
      const current = state!.value()!;
      if (current.count === 0) context.timerService.registerEventTimeTimer(Number.MAX_SAFE_INTEGER);
      state!.update({ count: current.count + 1, sum: current.sum + value });
    },
    onTimer(_timestamp, context, out) {
      out.collect({ key: context.currentKey, ...state!.value()! });
    },
  };
}

export default defineJob('test-rescale', (env) => {
  env.enableCheckpointing(100);
  // Every subtask's state in a file of its own (none inline in _metadata), so the tests can truncate and tamper.
  env.checkpointConfig.inlineStateThresholdBytes = 0;
  if (process.env.RESCALE_MAX_PARALLELISM !== undefined)
    env.setMaxParallelism(Number(process.env.RESCALE_MAX_PARALLELISM));
  const edit = process.env.RESCALE_EDIT;
  if (process.env.RESCALE_SOURCE === 'files') {
    const files = JSON.parse(process.env.RESCALE_FILES ?? '[]') as string[];
    env
      .fromSource(
        FileSource.lines(files, { splitSize: 4096, chunkSize: 512 }),
        WatermarkStrategy.noWatermarks(),
        'files',
      )
      .uid('files')
      .map((line: string) => {
        const until = performance.now() + 0.02;
        while (performance.now() < until) {
          // a little work per line, so the job is still running when it is stopped
        }
        return line;
      })
      .uid('slow')
      .sinkTo(collectSink<string>('lines'));
    return;
  }
  let numbers = env
    .fromSource(
      GeneratorSource.of({ count: RECORDS, splits: 12, ratePerSecond: 400_000, generate: (i) => i }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers');
  if (edit === 'add-operator') numbers = numbers.map((n) => n).uid('added');
  const keyed = numbers.keyBy((n) => n % KEYS);
  if (edit === 'drop-count') {
    keyed
      .map((n) => ({ key: n % KEYS, count: 1, sum: n }))
      .uid('other')
      .sinkTo(collectSink('counts'));
    return;
  }
  keyed.process(counter()).uid('count').sinkTo(collectSink('counts'));
});
