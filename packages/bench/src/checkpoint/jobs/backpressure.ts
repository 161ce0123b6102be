// Scenario 3, backpressure (the shape of Flink's CheckpointingTimeBenchmark): an unthrottled generator -> rebalance
// -> map -> a sink that sleeps per record, so every channel fills up and barriers queue behind data.
// Two tasks per parallel instance: source | map + sink.
import { defineJob, GeneratorSource, type Sink, WatermarkStrategy } from '@dhara/core';
import { configureCheckpointing, numberSetting } from './lib/index.ts';

interface Reading {
  readonly key: number;
  readonly value: number;
}

/** Waits `sleepMs` after every record (a timer, so the task's thread stays free for its other work). */
function sleepingSink(sleepMs: number): Sink<Reading> {
  return {
    createWriter() {
      return {
        write() {
          return new Promise<void>((resolve) => setTimeout(resolve, sleepMs));
        },
        flush() {},
        close() {},
      };
    },
  };
}

export default defineJob('bench-checkpoint-backpressure', (env) => {
  configureCheckpointing(env);
  const keys = Math.max(1, numberSetting('keys', 100));
  env
    .fromSource(
      GeneratorSource.of<Reading>({ generate: (i) => ({ key: i % keys, value: i }) }),
      WatermarkStrategy.noWatermarks(),
      'generator',
    )
    .uid('generator')
    .rebalance()
    .map((r) => ({ key: r.key, value: r.value + 1 }))
    .name('map')
    .uid('map')
    .sinkTo(sleepingSink(numberSetting('sinkSleepMs', 1)), 'sleeping-sink');
});
