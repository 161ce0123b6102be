import type { SourceSplit } from '@dhara/core';

/**
 * A byte range [start, end) of one file. It holds the lines that START in the range: the reader of a split that does
 * not start at 0 skips the line in progress, and the last line it starts may run past `end`. `offset` is the
 * position: where the next line to read starts (`start` until the first line was emitted). Plain data.
 */
export interface FileSourceSplit extends SourceSplit {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly offset: number;
}

/** The reader's mutable view of a split: the split and how far it was emitted. */
export interface FileSplitState {
  readonly split: FileSourceSplit;
  offset: number;
}

/** Cuts a file of `size` bytes into splits of `splitSize` bytes; an empty file gives none. */
export function splitsOfFile(path: string, size: number, splitSize: number): FileSourceSplit[] {
  const splits: FileSourceSplit[] = [];
  for (let start = 0; start < size; start += splitSize) {
    const end = Math.min(size, start + splitSize);
    splits.push({ splitId: `${path}:${start}-${end}`, path, start, end, offset: start });
  }
  return splits;
}
