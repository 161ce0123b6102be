// Scenario 1, idle-ish: generator at a moderate rate -> the idle pipeline (rebalance -> map x3 -> keyBy -> running
// sum -> discarding sink). Three tasks per parallel instance: source | maps | sum + sink.
import { defineJob, GeneratorSource, WatermarkStrategy } from '@dhara/core';
import { configureCheckpointing, idlePipeline, numberSetting, type Reading } from './lib/index.ts';

export default defineJob('bench-checkpoint-idle', (env) => {
  configureCheckpointing(env);
  const keys = Math.max(1, numberSetting('keys', 100));
  const rate = numberSetting('ratePerSecond', 20_000);
  idlePipeline(
    env
      .fromSource(
        GeneratorSource.of<Reading>({
          generate: (i) => ({ key: i % keys, value: i % 1_000 }),
          ...(rate > 0 ? { ratePerSecond: rate } : {}),
        }),
        WatermarkStrategy.noWatermarks(),
        'generator',
      )
      .uid('generator'),
  );
});
