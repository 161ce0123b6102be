/**
 * When a part file is closed and a new one started (Flink's `DefaultRollingPolicy` plus `OnCheckpointRollingPolicy`).
 * Every checkpoint barrier rolls every open part file, whatever the policy: a part file never spans a checkpoint, so
 * its contents belong to exactly one checkpoint's commit. Size and time add rolls between barriers.
 */
export interface RollingPolicy {
  /** Roll once a part file holds this many bytes. Default 128 MiB (Flink's default). */
  readonly maxPartSizeBytes?: number;
  /** Roll a part file this long after it was opened (checked on each write to it). Default: no limit. */
  readonly rolloverIntervalMs?: number;
}

export interface ResolvedRollingPolicy {
  readonly maxPartSizeBytes: number;
  readonly rolloverIntervalMs: number;
}

export function resolveRollingPolicy(policy: RollingPolicy = {}): ResolvedRollingPolicy {
  const resolved = {
    maxPartSizeBytes: policy.maxPartSizeBytes ?? 128 * 1024 * 1024,
    rolloverIntervalMs: policy.rolloverIntervalMs ?? Number.POSITIVE_INFINITY,
  };
  if (!(resolved.maxPartSizeBytes > 0)) {
    throw new RangeError(`FileSink: maxPartSizeBytes must be > 0, got ${policy.maxPartSizeBytes}`);
  }
  if (!(resolved.rolloverIntervalMs > 0)) {
    throw new RangeError(`FileSink: rolloverIntervalMs must be > 0, got ${policy.rolloverIntervalMs}`);
  }
  return resolved;
}
