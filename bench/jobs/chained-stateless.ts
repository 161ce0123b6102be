// generator -> map -> filter -> discarding sink, no shuffle: one chained task per subtask.
import { defineJob, discardingSink, GeneratorSource, WatermarkStrategy } from '@dhara/core';
import { type BenchRecord, keep, recordAt, recordCount, scale } from '../lib/records.ts';

export default defineJob('bench-chained-stateless', (env) => {
  env
    .fromSource(
      GeneratorSource.of<BenchRecord>({ count: recordCount(), generate: recordAt }),
      WatermarkStrategy.noWatermarks(),
      'generator',
    )
    .map(scale)
    .name('scale')
    .filter(keep)
    .name('keep')
    .sinkTo(discardingSink(), 'discard');
});
