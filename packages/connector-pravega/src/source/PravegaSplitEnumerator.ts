import type { SplitEnumerator, SplitEnumeratorContext } from '@dhara/core';
import type { ReaderGroupAccess } from './ReaderGroupAccess.ts';

/** A split is only a reader identity in the reader group (no offsets: the group holds the positions). */
export interface PravegaReaderSplit {
  readonly splitId: string;
  readonly readerGroup: string;
  readonly readerId: string;
}

export interface PravegaEnumeratorState {
  readonly readerGroup: string;
}

export function readerSplit(group: string, subtask: number): PravegaReaderSplit {
  return { splitId: `reader-${subtask}`, readerGroup: group, readerId: `${group}-reader-${subtask}` };
}

/**
 * Prepares the reader group (fresh start: create it or reset it to the initial configuration; restore: the master
 * hook already reset it to the checkpoint) and then gives each reader subtask its reader identity.
 */
export class PravegaSplitEnumerator implements SplitEnumerator<PravegaReaderSplit, PravegaEnumeratorState> {
  private ready = false;
  private readonly waiting = new Set<number>();

  constructor(
    private readonly context: SplitEnumeratorContext<PravegaReaderSplit>,
    private readonly access: ReaderGroupAccess,
    private readonly fresh: boolean,
  ) {}

  start(): void {
    this.context.callAsync(
      () => (this.fresh ? this.access.resetToInitial() : this.access.readerGroup().then(() => undefined)),
      (_r, error) => {
        if (error !== undefined && error !== null) throw error;
        this.ready = true;
        for (const subtask of this.waiting) this.assign(subtask);
        this.waiting.clear();
      },
    );
  }

  private assign(subtask: number): void {
    this.context.assignSplit(readerSplit(this.access.name, subtask), subtask);
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

  snapshotState(): PravegaEnumeratorState {
    return { readerGroup: this.access.name };
  }
}
