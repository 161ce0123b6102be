import type { SourceEvent, SourceSplit } from './Source.ts';

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

/** Where a reader puts its records. */
export interface ReaderOutput<T> {
  /** Emits a record, with its event timestamp when the source knows one. */
  collect(value: T, timestamp?: number): void;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
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
