// A map that throws on one record: the job must fail naming it.
import { defineJob, discardingSink, GeneratorSource, WatermarkStrategy } from '@dhara/core';

export default defineJob('test-throwing-map', (env) => {
  env
    .fromSource(GeneratorSource.of({ count: 10_000, generate: (i) => i }), WatermarkStrategy.noWatermarks(), 'numbers')
    .map((n: number) => {
      if (n === 5_000) throw new RangeError(`boom at record ${n}`);
      return n * 2;
    })
    .name('exploding map')
    .uid('exploding-map')
    .sinkTo(discardingSink());
});
