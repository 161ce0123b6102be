// Source events both ways and a callAsync result, through the PingSource.
import { collectSink, defineJob, WatermarkStrategy } from '@dhara/core';
import { PingSource } from './PingSource.ts';

export default defineJob('test-source-events', (env) => {
  env.fromSource(new PingSource(), WatermarkStrategy.noWatermarks(), 'pings').sinkTo(collectSink('welcomes'));
});
