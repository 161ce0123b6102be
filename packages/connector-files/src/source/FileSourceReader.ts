import {
  type RecordEmitter,
  SourceReaderBase,
  type SourceReaderBaseOptions,
  type SourceReaderContext,
} from '@dhara/core';
import type { FileSourceSplit, FileSplitState } from './FileSourceSplit.ts';
import type { LineFormat } from './LineFormat.ts';
import { LineSplitReader } from './LineSplitReader.ts';
import type { LineRecord } from './SplitLineCursor.ts';

/** Emits a line's value and moves the split's position past the line. */
class LineRecordEmitter<T> implements RecordEmitter<LineRecord<T>, T, FileSplitState> {
  emitRecord(record: LineRecord<T>, output: { collect(value: T): void }, state: FileSplitState): void {
    output.collect(record.value);
    state.offset = record.end;
  }
}

/**
 * Reads file splits through the reader base. It asks the enumerator for a split when it starts without one and each
 * time it finishes one (Flink's pull model): a fast reader takes more splits than a slow one.
 */
export class FileSourceReader<T> extends SourceReaderBase<LineRecord<T>, T, FileSourceSplit, FileSplitState> {
  constructor(
    context: SourceReaderContext,
    format: LineFormat<T>,
    chunkSize: number,
    options: SourceReaderBaseOptions,
  ) {
    super(() => new LineSplitReader(format, chunkSize), new LineRecordEmitter<T>(), context, options);
  }

  override start(): void {
    if (this.splitCount === 0) this.context.sendSplitRequest();
  }

  protected initializedState(split: FileSourceSplit): FileSplitState {
    return { split, offset: split.offset };
  }

  protected toSplitType(_splitId: string, state: FileSplitState): FileSourceSplit {
    return { ...state.split, offset: state.offset };
  }

  protected onSplitFinished(): void {
    this.context.sendSplitRequest();
  }
}
