// The same keyed count in batch or streaming mode (RUNTIME_MODE), over a bounded or an endless generator
// (RUNTIME_SOURCE), with checkpointing asked for (batch mode turns it off).
import { collectSink, defineJob, GeneratorSource, type RuntimeMode, WatermarkStrategy } from '@dhara/core';

export const RECORDS = 50_000;

export default defineJob('test-runtime-mode', (env) => {
  env.setRuntimeMode((process.env.RUNTIME_MODE ?? 'streaming') as RuntimeMode);
  env.enableCheckpointing(50);
  const endless = process.env.RUNTIME_SOURCE === 'endless';
  env
    .fromSource(
      GeneratorSource.of({ ...(endless ? {} : { count: RECORDS }), generate: (i) => i % 10 }),
      WatermarkStrategy.noWatermarks(),
      'digits',
    )
    .keyBy((d) => d)
    .reduce((a, b) => a + b)
    .sinkTo(collectSink<number>('sums'));
});
