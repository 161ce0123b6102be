// An endless fast source into a sink that sleeps: the network fills up and backpressure reaches the source.
import { defineJob, GeneratorSource, type Sink, WatermarkStrategy } from '@dhara/core';

/** Sleeps 1 ms after every 20 records: about 20,000 records/s per subtask at best. */
function sleepySink(): Sink<{ key: number; payload: string }> {
  return {
    createWriter() {
      let written = 0;
      return {
        write() {
          written++;
          if (written % 20 === 0) return new Promise<void>((resolve) => setTimeout(resolve, 1));
          return undefined;
        },
        flush() {},
        close() {},
      };
    },
  };
}

export default defineJob('test-slow-sink', (env) => {
  env
    .fromSource(
      GeneratorSource.of({ generate: (i) => ({ key: i % 1000, payload: `record-${i}` }) }),
      WatermarkStrategy.noWatermarks(),
      'fast',
    )
    .rebalance()
    .sinkTo(sleepySink())
    .name('sleepy');
});
