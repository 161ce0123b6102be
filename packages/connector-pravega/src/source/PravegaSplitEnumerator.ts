import type { SourceEvent, SplitEnumerator, SplitEnumeratorContext } from '@dhara/core';
import type { ReaderGroupAccess } from './ReaderGroupAccess.ts';
import { isReaderJoined } from './readerJoined.ts';
import { SourceRestoreError } from './SourceRestoreError.ts';

/** A split is only a reader identity in the reader group (no offsets: the group holds the positions). */
export interface PravegaReaderSplit {
  readonly splitId: string;
  readonly readerGroup: string;
  readonly readerId: string;
  /**
   * Markers of engine checkpoints up to this id are stale for this attempt (triggered by an earlier attempt, or at
   * or before the checkpoint restored): the reader drops them, since nothing will trigger them now.
   */
  readonly staleUpTo?: number;
}

export interface PravegaEnumeratorState {
  readonly readerGroup: string;
  /** The engine checkpoint this state was taken for (absent in states written before it was added). */
  readonly checkpointId?: number;
}

export function readerSplit(group: string, subtask: number, staleUpTo = 0): PravegaReaderSplit {
  return { splitId: `reader-${subtask}`, readerGroup: group, readerId: `${group}-reader-${subtask}`, staleUpTo };
}

/**
 * Prepares the reader group (fresh start: create it or reset it to the initial configuration; restore: the master
 * hook already reset it to the checkpoint, which is checked) and then gives each reader subtask its reader identity.
 * It also tells the master hook which readers have joined the group.
 */
export class PravegaSplitEnumerator implements SplitEnumerator<PravegaReaderSplit, PravegaEnumeratorState> {
  private ready = false;
  private readonly waiting = new Set<number>();

  constructor(
    private readonly context: SplitEnumeratorContext<PravegaReaderSplit>,
    private readonly access: ReaderGroupAccess,
    /** Undefined for a fresh start; else the state this enumerator is restored from. */
    private readonly restored: PravegaEnumeratorState | undefined,
  ) {}

  start(): void {
    this.access.expectReaders(this.context.currentParallelism());
    const restoredFrom = this.restored?.checkpointId;
    if (restoredFrom !== undefined && this.access.restoredCheckpointId !== restoredFrom) {
      throw new SourceRestoreError(this.access.name, restoredFrom, this.access.restoredCheckpointId);
    }
    this.context.callAsync(
      () =>
        this.restored === undefined ? this.access.resetToInitial() : this.access.readerGroup().then(() => undefined),
      (_r, error) => {
        if (error !== undefined && error !== null) throw error;
        this.ready = true;
        for (const subtask of this.waiting) this.assign(subtask);
        this.waiting.clear();
      },
    );
  }

  private assign(subtask: number): void {
    this.context.assignSplit(readerSplit(this.access.name, subtask, this.access.staleUpTo), subtask);
    // A reader gets exactly one identity: nothing more will come.
    this.context.signalNoMoreSplits(subtask);
  }

  addReader(subtaskIndex: number): void {
    if (this.ready) this.assign(subtaskIndex);
    else this.waiting.add(subtaskIndex);
  }

  handleSplitRequest(): void {}

  addSplitsBack(_splits: readonly PravegaReaderSplit[], subtaskIndex: number): void {
    // Recovery is global here; the reader gets its identity again when it registers.
    this.waiting.add(subtaskIndex);
    if (this.ready && this.context.registeredReaders().has(subtaskIndex)) {
      this.waiting.delete(subtaskIndex);
      this.assign(subtaskIndex);
    }
  }

  handleSourceEvent(subtaskIndex: number, event: SourceEvent): void {
    if (isReaderJoined(event)) this.access.readerJoined(subtaskIndex);
  }

  snapshotState(checkpointId: number): PravegaEnumeratorState {
    return { readerGroup: this.access.name, checkpointId };
  }
}
