// generator -> rebalance -> map -> a plain sink whose writes take a timer tick each (appending to OUT_FILE), with
// unaligned checkpoints every 30 ms: barriers overtake the sink's queued writes, which go into the checkpoint.
import { appendFileSync } from 'node:fs';
import { defineJob, GeneratorSource, RestartStrategy, type Sink, WatermarkStrategy } from '@dhara/core';

function slowFileSink(file: string): Sink<number> {
  return {
    createWriter() {
      return {
        write(value) {
          return new Promise<void>((resolve) =>
            setTimeout(() => {
              appendFileSync(file, `${value}\n`);
              resolve();
            }, 10),
          );
        },
        flush() {},
        close() {},
      };
    },
  };
}

export default defineJob('test-slow-async-sink', (env) => {
  env.enableCheckpointing(30);
  env.checkpointConfig.unaligned = true;
  env.setRestartStrategy(RestartStrategy.fixedDelay(2, 50));
  env
    .fromSource(
      GeneratorSource.of({ count: 600, splits: 2, generate: (i) => i, ratePerSecond: 1000 }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers')
    .rebalance()
    .map((i) => i)
    .uid('map')
    .sinkTo(slowFileSink(process.env.OUT_FILE!), 'slow-sink')
    .uid('slow-sink');
});
