import type { SplitEnumerator, SplitEnumeratorContext } from '@dhara/core';
import { type DiscoveredFile, discoverFiles } from './discoverFiles.ts';
import type { FileSourceSplit } from './FileSourceSplit.ts';
import { splitsOfFile } from './FileSourceSplit.ts';

/** The enumerator's checkpoint: plain data. */
export interface FileEnumeratorState {
  /** Files already cut into splits; streaming mode skips them when it lists the directories again. */
  readonly seenPaths: readonly string[];
  /** Splits not handed out yet. */
  readonly pendingSplits: readonly FileSourceSplit[];
  /** Bounded mode: whether the one listing of the paths was done. */
  readonly listed: boolean;
}

export interface FileEnumeratorSettings {
  readonly paths: readonly string[];
  readonly splitSize: number;
  /** Streaming mode: list the paths again every so often; undefined for bounded mode (list once, then end). */
  readonly monitorIntervalMs: number | undefined;
}

/**
 * Lists the source's files off the mailbox (`callAsync`), cuts them into splits and hands a split to each reader
 * that asks. Bounded: once the listing is done and the splits are gone, a reader that asks is told there are no
 * more. Streaming: the listing repeats; new files become new splits; readers that asked wait for them.
 */
export class FileSplitEnumerator implements SplitEnumerator<FileSourceSplit, FileEnumeratorState> {
  private readonly seen: Set<string>;
  private readonly pending: FileSourceSplit[];
  private listed: boolean;
  /** Readers that asked while there was no split to give, in order of asking. */
  private readonly waiting = new Set<number>();

  constructor(
    private readonly context: SplitEnumeratorContext<FileSourceSplit>,
    private readonly settings: FileEnumeratorSettings,
    state: FileEnumeratorState = { seenPaths: [], pendingSplits: [], listed: false },
  ) {
    this.seen = new Set(state.seenPaths);
    this.pending = [...state.pendingSplits];
    this.listed = state.listed;
  }

  start(): void {
    const { paths, monitorIntervalMs } = this.settings;
    if (monitorIntervalMs === undefined && this.listed) return;
    // An error of the listing (a missing path, a directory that cannot be read) is thrown in the handler: the
    // source coordinator then fails the job, naming the source.
    this.context.callAsync(
      () => discoverFiles(paths),
      (files, error) => {
        if (error !== undefined) throw error;
        this.addFiles(files ?? []);
      },
      0,
      monitorIntervalMs,
    );
  }

  addReader(_subtaskIndex: number): void {
    // Readers ask for splits themselves when they start.
  }

  handleSplitRequest(subtaskIndex: number): void {
    this.waiting.add(subtaskIndex);
    this.serveWaiting();
  }

  addSplitsBack(splits: readonly FileSourceSplit[]): void {
    this.pending.unshift(...splits);
    this.serveWaiting();
  }

  snapshotState(): FileEnumeratorState {
    return { seenPaths: [...this.seen], pendingSplits: [...this.pending], listed: this.listed };
  }

  private addFiles(files: readonly DiscoveredFile[]): void {
    for (const file of files) {
      if (this.seen.has(file.path)) continue;
      this.seen.add(file.path);
      this.pending.push(...splitsOfFile(file.path, file.size, this.settings.splitSize));
    }
    this.listed = true;
    this.serveWaiting();
  }

  private serveWaiting(): void {
    const readers = this.context.registeredReaders();
    for (const subtaskIndex of this.waiting) {
      if (!readers.has(subtaskIndex)) {
        this.waiting.delete(subtaskIndex);
        continue;
      }
      const split = this.pending.shift();
      if (split !== undefined) {
        this.context.assignSplit(split, subtaskIndex);
      } else if (this.listed && this.settings.monitorIntervalMs === undefined) {
        this.context.signalNoMoreSplits(subtaskIndex);
      } else {
        return;
      }
      this.waiting.delete(subtaskIndex);
    }
  }
}
