import type { SourceEvent } from './SourceEvent.ts';
import type { SourceSplit } from './SourceSplit.ts';

/** What `pollNext` reports. */
export const InputStatus = {
  /** Call pollNext again right away. */
  MORE_AVAILABLE: 'more-available',
  /** Nothing to read now: the task waits on `isAvailable()` before polling again. */
  NOTHING_AVAILABLE: 'nothing-available',
  /** This reader is done for good. */
  END_OF_INPUT: 'end-of-input',
} as const;
export type InputStatus = (typeof InputStatus)[keyof typeof InputStatus];

/** Where records of one split go: the split has its own watermark generator. */
export interface SourceOutput<T> {
  /** Emits a record, with its event timestamp when the source knows one. */
  collect(value: T, timestamp?: number): void;
}

/**
 * Where a reader puts its records. Records of a split should go through `createOutputForSplit(splitId)`, so that the
 * split gets a watermark generator of its own: the reader's watermark is the minimum over its splits, a split that
 * goes idle stops holding it back, and a reader whose splits are all idle (or that has none) is idle.
 */
export interface ReaderOutput<T> extends SourceOutput<T> {
  /** The output of one split (the same object each time until it is released). */
  createOutputForSplit(splitId: string): SourceOutput<T>;
  /** The split is finished: its watermark no longer counts. */
  releaseOutputForSplit(splitId: string): void;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  /**
   * Periodic checkpoints are on for this job: a reader may count on them coming (e.g. to hand work over to other
   * readers only at checkpoint positions, as the Pravega source does).
   */
  readonly checkpointingEnabled: boolean;
  /** Asks the enumerator for a split (its `handleSplitRequest`). */
  sendSplitRequest(): void;
  sendSourceEventToCoordinator(event: SourceEvent): void;
}

/** Reads the splits assigned to one source subtask. Lives in a task, on the task's mailbox; never blocks. */
export interface SourceReader<T, Split extends SourceSplit> {
  start(): void;
  /** Emits what is available now (one or more records) and says whether more is. Must not block. */
  pollNext(output: ReaderOutput<T>): InputStatus;
  /** Resolves when polling is worth it again after NOTHING_AVAILABLE. */
  isAvailable(): Promise<void>;
  addSplits(splits: readonly Split[]): void;
  notifyNoMoreSplits(): void;
  /** The splits this reader holds, with their current positions. */
  snapshotState(checkpointId: number): Split[];
  notifyCheckpointComplete?(checkpointId: number): void;
  handleSourceEvent?(event: SourceEvent): void;
  close?(): void | Promise<void>;
}
