/** Exactly-once aligns barriers; at-least-once does not block channels and may replay duplicates after a failure. */
export type CheckpointingMode = 'exactly-once' | 'at-least-once';

/** The checkpoint settings of a job: a plain object, Flink's defaults unless set. */
export interface CheckpointConfig {
  /** Milliseconds between checkpoint triggers; 0 means checkpointing is off. */
  intervalMs: number;
  mode: CheckpointingMode;
  /** A checkpoint not complete after this long is aborted (Flink: 10 minutes). */
  timeoutMs: number;
  /** The least time between the end of one checkpoint and the trigger of the next. */
  minPauseMs: number;
  /** Checkpoints in flight at once. */
  maxConcurrent: number;
  /** Failed checkpoints (declined, expired, I/O errors) tolerated in a row before the job fails. */
  tolerableFailures: number;
  /** Barriers overtake in-flight data, which is stored with the checkpoint (FLIP-76). */
  unaligned: boolean;
  /** With `unaligned`: start aligned and switch to unaligned after this long; 0 means unaligned from the start. */
  alignedTimeoutMs: number;
  /** Completed checkpoints kept on disk; older ones are removed. */
  retained: number;
  /**
   * Keep the retained checkpoints when the job finishes or is cancelled (Flink's externalized checkpoints). By
   * default they are deleted then; a failed job always keeps them, for inspection and for a manual restore.
   */
  retainOnTermination: boolean;
  /**
   * A subtask's state up to this many bytes travels inline in its acknowledgement and is stored in `_metadata`
   * instead of a file of its own (Flink's `state.storage.fs.memory-threshold`, 20 KB): small checkpoints then cost
   * one fsync, not one per subtask plus one. 0 writes every subtask's state to its own file.
   */
  inlineStateThresholdBytes: number;
}

export const DEFAULT_CHECKPOINT_CONFIG: CheckpointConfig = {
  intervalMs: 0,
  mode: 'exactly-once',
  timeoutMs: 600_000,
  minPauseMs: 0,
  maxConcurrent: 1,
  tolerableFailures: 0,
  unaligned: false,
  alignedTimeoutMs: 0,
  retained: 1,
  retainOnTermination: false,
  inlineStateThresholdBytes: 20 * 1024,
};

/** Throws a RangeError naming the first bad setting. */
export function validateCheckpointConfig(config: CheckpointConfig): void {
  const whole = (name: keyof CheckpointConfig, min: number): void => {
    const value = config[name] as number;
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`checkpointConfig.${name} must be an integer >= ${min}, got ${value}`);
    }
  };
  whole('intervalMs', 0);
  whole('timeoutMs', 1);
  whole('minPauseMs', 0);
  whole('maxConcurrent', 1);
  whole('tolerableFailures', 0);
  whole('alignedTimeoutMs', 0);
  whole('retained', 1);
  whole('inlineStateThresholdBytes', 0);
  if (config.mode !== 'exactly-once' && config.mode !== 'at-least-once') {
    throw new RangeError(`checkpointConfig.mode must be 'exactly-once' or 'at-least-once', got '${config.mode}'`);
  }
  if (config.unaligned && config.mode !== 'exactly-once') {
    throw new RangeError('unaligned checkpoints need the exactly-once mode');
  }
  if (config.unaligned && config.maxConcurrent > 1) {
    throw new RangeError(`unaligned checkpoints need maxConcurrent = 1 (as Flink), got ${config.maxConcurrent}`);
  }
}
