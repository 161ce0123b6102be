// generator -> map -> keyBy -> reduce -> discarding sink: the keyed pipeline of bench/throughput.ts.
import { defineJob, discardingSink, GeneratorSource, WatermarkStrategy } from '@dhara/core';
import { type BenchRecord, recordAt, recordCount, scale, sum } from '../lib/records.ts';

export default defineJob('bench-keyed-reduce', (env) => {
  env
    .fromSource(
      GeneratorSource.of<BenchRecord>({ count: recordCount(), generate: recordAt }),
      WatermarkStrategy.noWatermarks(),
      'generator',
    )
    .map(scale)
    .name('scale')
    .keyBy((r) => r.key)
    .reduce(sum)
    .name('sum')
    .sinkTo(discardingSink(), 'discard');
});
