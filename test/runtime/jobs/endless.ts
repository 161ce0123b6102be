// Runs until cancelled or killed: an endless keyed pipeline.
import { defineJob, discardingSink, GeneratorSource, WatermarkStrategy } from '@dhara/core';

export default defineJob('test-endless', (env) => {
  env
    .fromSource(
      GeneratorSource.of({ generate: (i) => ({ key: i % 97, value: i }) }),
      WatermarkStrategy.noWatermarks(),
      'endless',
    )
    .keyBy((r) => r.key)
    .reduce((a, b) => ({ key: a.key, value: a.value + b.value }))
    .uid('sum')
    .sinkTo(discardingSink());
});
