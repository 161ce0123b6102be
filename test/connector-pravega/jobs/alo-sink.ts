// generator -> keyed map -> PravegaTable.sink with sink.semantic=at-least-once into PRAVEGA_OUT (json).
import { PravegaTable } from '@dhara/connector-pravega';
import { defineJob, GeneratorSource, RestartStrategy, WatermarkStrategy } from '@dhara/core';

export interface AloRow {
  i: number;
  key: string;
}

export default defineJob('test-pravega-at-least-once', (env) => {
  const records = Number(process.env.PRAVEGA_RECORDS ?? 6000);
  env.enableCheckpointing(100);
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
    .map((i): AloRow => ({ i, key: `k${i % 13}` }))
    .uid('map')
    .sinkTo(
      PravegaTable.sink<AloRow>({
        'controller-uri': `127.0.0.1:${process.env.PRAVEGA_PORT}`,
        scope: 't',
        format: 'json',
        'sink.stream': process.env.PRAVEGA_OUT!,
        'sink.semantic': 'at-least-once',
        'sink.routing-key.field.name': 'key',
      }),
      'pravega-alo',
    )
    .uid('pravega-alo');
});
