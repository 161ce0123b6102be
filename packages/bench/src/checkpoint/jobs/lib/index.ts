// What the checkpoint suite's job modules share, and what the suite needs to drive them: the settings it passes
// through the environment, the recovery job's probe channel, the idle pipeline and the scheduled source.
export { configureCheckpointing } from './checkpointing.ts';
export { idlePipeline, type Reading } from './idlePipeline.ts';
export {
  booleanSetting,
  JOB_ENV,
  type JobSettings,
  numberSetting,
  PRAVEGA_ENV,
  toEnv,
} from './jobEnv.ts';
export { PROBE_CHANNEL, type ProbeMessage, probe } from './probeChannel.ts';
export { type ScheduledRecord, ScheduledSource } from './scheduledSource.ts';
