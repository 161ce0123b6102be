// A source whose split enumerator throws in start(): the job must fail naming the source.
import { defineJob, discardingSink, WatermarkStrategy } from '@dhara/core';
import { PingSource } from './PingSource.ts';

export default defineJob('test-throwing-enumerator', (env) => {
  env.fromSource(new PingSource(true), WatermarkStrategy.noWatermarks(), 'refusing source').sinkTo(discardingSink());
});
