// Scenario 1, idle-ish: generator at a moderate rate -> rebalance -> map x3 -> keyBy -> running sum (small keyed
// state) -> discarding sink. Three tasks per parallel instance: source | maps | sum + sink.
import { defineJob, discardingSink, GeneratorSource, WatermarkStrategy } from '@dhara/core';
import { numberSetting } from '../jobEnv.ts';
import { configureCheckpointing } from './checkpointing.ts';

interface Reading {
  readonly key: number;
  readonly value: number;
}

export default defineJob('bench-checkpoint-idle', (env) => {
  configureCheckpointing(env);
  const keys = Math.max(1, numberSetting('keys', 100));
  const rate = numberSetting('ratePerSecond', 20_000);
  env
    .fromSource(
      GeneratorSource.of<Reading>({
        generate: (i) => ({ key: i % keys, value: i % 1_000 }),
        ...(rate > 0 ? { ratePerSecond: rate } : {}),
      }),
      WatermarkStrategy.noWatermarks(),
      'generator',
    )
    .uid('generator')
    .rebalance()
    .map((r) => ({ key: r.key, value: r.value + 1 }))
    .name('map-1')
    .uid('map-1')
    .map((r) => ({ key: r.key, value: r.value * 2 }))
    .name('map-2')
    .uid('map-2')
    .map((r) => ({ key: r.key, value: r.value - 1 }))
    .name('map-3')
    .uid('map-3')
    .keyBy((r) => r.key)
    .reduce((a, b) => ({ key: a.key, value: a.value + b.value }))
    .name('sum')
    .uid('sum')
    .sinkTo(discardingSink(), 'discard');
});
