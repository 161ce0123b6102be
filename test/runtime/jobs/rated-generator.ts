// A bounded generator held to 1,000 records/s over the whole source.
import { collectSink, defineJob, GeneratorSource, WatermarkStrategy } from '@dhara/core';

export default defineJob('test-rated-generator', (env) => {
  const source = GeneratorSource.of({ count: 800, splits: 4, ratePerSecond: 1_000, generate: (i) => i });
  env.fromSource(source, WatermarkStrategy.noWatermarks(), 'rated').sinkTo(collectSink('numbers'));
});
