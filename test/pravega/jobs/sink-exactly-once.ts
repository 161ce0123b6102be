// generator -> keyed map -> PravegaSink (exactly-once) into PRAVEGA_SCOPE/PRAVEGA_OUT on the store at PRAVEGA_PORT.
import { PravegaSink } from '@dhara/connector-pravega';
import { defineJob, GeneratorSource, RestartStrategy, WatermarkStrategy } from '@dhara/core';

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
    .sinkTo(
      PravegaSink.exactlyOnce<OutRow>({
        controller: `127.0.0.1:${process.env.PRAVEGA_PORT}`,
        scope: process.env.PRAVEGA_SCOPE!,
        stream: process.env.PRAVEGA_OUT!,
        routingKey: 'key',
        transactionTimeoutMs: 30_000,
      }),
      'pravega-out',
    )
    .uid('pravega-out');
});
