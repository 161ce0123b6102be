import type { CheckpointConfig } from '@dhara/core';
import type { CheckpointBarrier } from '../../network/index.ts';

/**
 * Whether a source task sends a checkpoint's barrier unaligned (priority): unaligned checkpoints, not a savepoint,
 * and no aligned phase left (no aligned timeout, or the trigger is already older than it).
 */
export function startsUnaligned(config: CheckpointConfig, barrier: CheckpointBarrier, now: number): boolean {
  if (!config.unaligned || config.mode !== 'exactly-once' || barrier.kind !== 'checkpoint') return false;
  return config.alignedTimeoutMs === 0 || now - barrier.timestamp >= config.alignedTimeoutMs;
}
