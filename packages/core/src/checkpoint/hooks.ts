/**
 * A hook the checkpoint coordinator runs in the job manager with every checkpoint, after the split enumerators and
 * before the tasks (Flink's MasterTriggerRestoreHook). An externally induced source uses it to ask the external
 * system to start its own checkpoint, whose markers then make the source's readers trigger the barrier.
 */
export interface MasterTriggerRestoreHook<T> {
  /** Stable and unique within the job: the hook's data is stored in the checkpoint under it. */
  readonly identifier: string;
  /** Starts the hook's part of checkpoint `checkpointId`; what it resolves to is stored in the checkpoint. */
  triggerCheckpoint(checkpointId: number, timestamp: number): Promise<T | undefined>;
  /** Restores the external system to checkpoint `checkpointId`, with the data stored then. */
  restoreCheckpoint(checkpointId: number, data: T | undefined): Promise<void>;
  /** The job restarts without a checkpoint: back to the initial state. */
  reset?(): Promise<void>;
  close?(): Promise<void>;
}

/** A source that brings its own master hook: its checkpoints are induced by the external system. */
export interface ExternallyInducedSource {
  createMasterHook(): MasterTriggerRestoreHook<any>;
}

/** A reader of an externally induced source: says where in its input a checkpoint's barrier belongs. */
export interface ExternallyInducedSourceReader {
  /**
   * The id of a checkpoint whose position the reader has just reached (e.g. it read the external system's marker),
   * or undefined. Polled after every pollNext; the task injects the barrier right there.
   */
  shouldTriggerCheckpoint(): number | undefined;
}

export function isExternallyInducedSource(source: unknown): source is ExternallyInducedSource {
  return typeof (source as Partial<ExternallyInducedSource>).createMasterHook === 'function';
}

export function isExternallyInducedReader(reader: unknown): reader is ExternallyInducedSourceReader {
  return typeof (reader as Partial<ExternallyInducedSourceReader>).shouldTriggerCheckpoint === 'function';
}
