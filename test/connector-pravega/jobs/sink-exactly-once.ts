// generator -> keyed map -> PravegaSink (exactly-once) into PRAVEGA_SCOPE/PRAVEGA_OUT on the store at PRAVEGA_PORT.
import { defineJob, GeneratorSource, RestartStrategy, WatermarkStrategy } from '@dhara/core';
import { testExactlyOnceSink } from './endpoints.ts';

export interface OutRow {
  i: number;
  key: string;
}

export default defineJob('test-pravega-sink', (env) => {
  const records = Number(process.env.PRAVEGA_RECORDS ?? 6000);
  env.enableCheckpointing(Number(process.env.PRAVEGA_INTERVAL_MS ?? 100));
  env.checkpointConfig.timeoutMs = 10_000;
  env.setRestartStrategy(RestartStrategy.fixedDelay(3, 50));
  env
    .fromSource(
      GeneratorSource.of({ count: records, splits: 4, generate: (i) => i, ratePerSecond: 10_000 }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers')
    .keyBy((i) => i % 13)
    .map((i): OutRow => ({ i, key: `k${i % 13}` }))
    .uid('map')
    .sinkTo(testExactlyOnceSink<OutRow>(), 'pravega-out')
    .uid('pravega-out');
});
