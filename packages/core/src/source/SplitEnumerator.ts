import type { SourceEvent } from './SourceEvent.ts';
import type { SourceSplit } from './SourceSplit.ts';

export interface ReaderInfo {
  readonly subtaskIndex: number;
  /** Which worker thread hosts the reader, e.g. `worker-1`. */
  readonly location: string;
}

/**
 * The services a split enumerator gets from the source coordinator. Every method must be called on the coordinator's
 * mailbox, i.e. from an enumerator method or a `callAsync` handler.
 */
export interface SplitEnumeratorContext<Split extends SourceSplit> {
  currentParallelism(): number;
  registeredReaders(): ReadonlyMap<number, ReaderInfo>;
  /** Assigns splits to readers; assigning to a reader that has not registered is an error. */
  assignSplits(assignment: ReadonlyMap<number, readonly Split[]>): void;
  assignSplit(split: Split, subtaskIndex: number): void;
  signalNoMoreSplits(subtaskIndex: number): void;
  sendEventToSourceReader(subtaskIndex: number, event: SourceEvent): void;
  /**
   * Runs `work` off the mailbox (it must not touch enumerator state) and then `handler` on the mailbox with its result
   * or error. With `periodMs`, repeats until the enumerator closes. An exception thrown by `handler` fails the job.
   */
  callAsync<R>(
    work: () => R | Promise<R>,
    handler: (result: R | undefined, error: unknown) => void,
    initialDelayMs?: number,
    periodMs?: number,
  ): void;
  runInCoordinatorThread(action: () => void): void;
}

/** Discovers splits and hands them to readers. Lives in the job manager, on the source coordinator's mailbox. */
export interface SplitEnumerator<Split extends SourceSplit, EnumState> {
  start(): void;
  handleSplitRequest(subtaskIndex: number): void;
  /** Splits of a failed reader come back here, to be assigned again. */
  addSplitsBack(splits: readonly Split[], subtaskIndex: number): void;
  addReader(subtaskIndex: number): void;
  snapshotState(checkpointId: number): EnumState;
  notifyCheckpointComplete?(checkpointId: number): void;
  notifyCheckpointAborted?(checkpointId: number): void;
  handleSourceEvent?(subtaskIndex: number, event: SourceEvent): void;
  close?(): void | Promise<void>;
}
