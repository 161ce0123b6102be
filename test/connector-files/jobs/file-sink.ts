// generator -> keyed map -> FileSink (JSON lines), checkpoints every FS_INTERVAL_MS: the exactly-once file sink job.
import { FileSink } from '@dhara/connector-files';
import { defineJob, GeneratorSource, RestartStrategy, WatermarkStrategy } from '@dhara/core';

export interface Row {
  i: number;
  key: number;
  doubled: number;
}

export default defineJob('test-file-sink', (env) => {
  const records = Number(process.env.FS_RECORDS ?? 40_000);
  env.enableCheckpointing(Number(process.env.FS_INTERVAL_MS ?? 100));
  env.setRestartStrategy(RestartStrategy.fixedDelay(3, 50));
  env
    .fromSource(
      GeneratorSource.of({
        count: records,
        splits: 8,
        generate: (i) => ({ i, key: i % 97 }),
        ratePerSecond: Number(process.env.FS_RATE ?? 25_000),
      }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers')
    .keyBy((r) => r.key)
    .map((r): Row => ({ i: r.i, key: r.key, doubled: r.i * 2 }))
    .uid('map')
    .sinkTo(FileSink.jsonLines<Row>(process.env.FS_DIR!, { rollingPolicy: { maxPartSizeBytes: 16 * 1024 } }), 'files')
    .uid('files');
});
