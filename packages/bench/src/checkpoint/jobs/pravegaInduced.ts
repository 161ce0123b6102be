// Scenario 4, externally induced: the idle pipeline fed by a PravegaSource reading the stream the benchmark writes
// to during the run. Its checkpoints are induced: the coordinator's master hook starts a reader-group checkpoint and
// each reader's task injects the barrier where it reads the marker. The coordinator-triggered twin of this job is
// idle.ts at the same rate.
import { PravegaSource } from '@dhara/connector-pravega';
import { defineJob, WatermarkStrategy } from '@dhara/core';
import { configureCheckpointing, idlePipeline, PRAVEGA_ENV, type Reading } from './lib/index.ts';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`bench-checkpoint-pravega: ${name} is not set`);
  return value;
}

export default defineJob('bench-checkpoint-pravega', (env) => {
  configureCheckpointing(env);
  const stream = required(PRAVEGA_ENV.stream);
  idlePipeline(
    env
      .fromSource(
        new PravegaSource<Reading>({
          controller: required(PRAVEGA_ENV.controller),
          scope: required(PRAVEGA_ENV.scope),
          streams: [stream],
          readerGroup: `rg-${stream}`,
          eventReadTimeoutMs: 50,
        }),
        WatermarkStrategy.noWatermarks(),
        'pravega',
      )
      .uid('pravega'),
  );
});
