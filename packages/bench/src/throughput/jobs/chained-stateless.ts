// generator -> map -> filter -> tallying sink, no shuffle: one chained task per subtask.
import { defineJob, GeneratorSource, WatermarkStrategy } from '@dhara/core';
import { type BenchRecord, hashRecord, keep, recordAt, recordCount, scale } from '../workloads/index.ts';
import { reportingSink } from './lib/index.ts';

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
    .sinkTo(reportingSink(hashRecord), 'sink');
});
