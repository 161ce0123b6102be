import { RecordsWithSplitIds, type SplitReader, type SplitsChange } from '@dhara/core';
import type { FileSourceSplit } from './FileSourceSplit.ts';
import type { LineFormat } from './LineFormat.ts';
import { type LineRecord, SplitLineCursor } from './SplitLineCursor.ts';

/**
 * The file source's split reader: reads its splits one after another, one chunk per fetch, with async file reads
 * (a FileHandle per split, opened when the split's turn comes and closed at its end).
 */
export class LineSplitReader<T> implements SplitReader<LineRecord<T>, FileSourceSplit> {
  private readonly waiting: FileSourceSplit[] = [];
  private cursor: SplitLineCursor<T> | undefined;

  constructor(
    private readonly format: LineFormat<T>,
    private readonly chunkSize: number,
  ) {}

  async fetch(): Promise<RecordsWithSplitIds<LineRecord<T>>> {
    if (this.cursor === undefined) {
      const split = this.waiting.shift();
      if (split === undefined) return RecordsWithSplitIds.empty();
      this.cursor = await SplitLineCursor.open(split, this.format, this.chunkSize);
    }
    const cursor = this.cursor;
    const { records, finished } = await cursor.next();
    if (finished) {
      this.cursor = undefined;
      await cursor.close();
    }
    return RecordsWithSplitIds.of(cursor.split.splitId, records, finished);
  }

  handleSplitsChanges(change: SplitsChange<FileSourceSplit>): void {
    this.waiting.push(...change.splits);
  }

  /** A fetch never waits for data that is not there yet (a read returns what the file has), so nothing to wake. */
  wakeUp(): void {}

  async close(): Promise<void> {
    const cursor = this.cursor;
    this.cursor = undefined;
    await cursor?.close();
  }
}
