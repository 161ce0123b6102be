// generator -> map -> keyBy -> reduce -> tallying sink: the keyed pipeline of the throughput bench.
import { defineJob, GeneratorSource, WatermarkStrategy } from '@dhara/core';
import { type BenchRecord, hashKeyValue, recordAt, recordCount, scale, sum } from '../workloads/index.ts';
import { latestPerKeySink } from './lib/index.ts';

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
    .sinkTo(
      latestPerKeySink((r: BenchRecord) => r.key, hashKeyValue),
      'sink',
    );
});
