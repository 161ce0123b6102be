import type { SourceSplit } from '../index.ts';
import type { RecordsWithSplitIds } from './RecordsWithSplitIds.ts';

/** A change to the splits a split reader reads. Only additions for now (Flink also knows removals). */
export interface SplitsAddition<Split extends SourceSplit> {
  readonly kind: 'add';
  readonly splits: readonly Split[];
}
export type SplitsChange<Split extends SourceSplit> = SplitsAddition<Split>;

/**
 * The connector's I/O: reads records of the splits it was given. A split fetcher calls `fetch()` in a loop, one call
 * at a time, while the reader holds unfinished splits. This is where async I/O happens — the part Flink runs on
 * fetcher threads.
 */
export interface SplitReader<E, Split extends SourceSplit> {
  /**
   * Reads the next batch. May wait for data (a promise), but should return once `wakeUp()` is called, possibly with
   * an empty batch. A thrown error (or rejected promise) fails the source reader: `pollNext` rethrows it.
   */
  fetch(): Promise<RecordsWithSplitIds<E>>;
  /** Takes new splits; must not wait. Called between fetches or while a fetch is pending. */
  handleSplitsChanges(change: SplitsChange<Split>): void;
  /** Makes a pending `fetch()` return soon (new splits arrived, or the reader closes). */
  wakeUp(): void;
  /** Releases the reader's resources (open files, connections). */
  close(): void | Promise<void>;
}
