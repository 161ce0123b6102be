// The checkpoint settings every benchmark job applies: interval, mode, unaligned / aligned timeout from the
// environment; failures tolerated and a generous timeout, so that a slow checkpoint shows up as a number, not a failure.
import type { StreamEnvironment } from '@dhara/core';
import { booleanSetting, numberSetting } from './jobEnv.ts';

export function configureCheckpointing(env: StreamEnvironment): void {
  env.enableCheckpointing(numberSetting('intervalMs', 50), 'exactly-once');
  env.checkpointConfig.unaligned = booleanSetting('unaligned');
  env.checkpointConfig.alignedTimeoutMs = numberSetting('alignedTimeoutMs', 0);
  env.checkpointConfig.timeoutMs = 60_000;
  env.checkpointConfig.tolerableFailures = 1_000_000;
}
