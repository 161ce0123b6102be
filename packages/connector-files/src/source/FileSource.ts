import { resolve } from 'node:path';
import type { Boundedness, Source, SourceReaderContext, SplitEnumeratorContext } from '@dhara/core';
import { FileSourceReader } from './FileSourceReader.ts';
import type { FileSourceSplit } from './FileSourceSplit.ts';
import { type FileEnumeratorState, FileSplitEnumerator } from './FileSplitEnumerator.ts';
import { LineFormat, type MalformedLineHandler } from './LineFormat.ts';

export interface FileSourceOptions {
  /** Bytes per split; a file larger than this is read by several readers. Default 4 MiB. */
  readonly splitSize?: number;
  /** Bytes per read (one fetch). Default 64 KiB. */
  readonly chunkSize?: number;
  /** Fetched chunks that may wait for the task per reader. Default 2. */
  readonly queueCapacity?: number;
}

export interface JsonLinesOptions<T> extends FileSourceOptions {
  /**
   * Takes a line that is not valid JSON: return a value to emit instead, or undefined to leave the line out. Without
   * it, a malformed line fails the job with an error naming the file and the line number.
   */
  readonly onMalformed?: MalformedLineHandler<T> | undefined;
}

const MiB = 1024 * 1024;

interface FileSourceSettings<T> {
  readonly paths: readonly string[];
  readonly format: LineFormat<T>;
  readonly splitSize: number;
  readonly chunkSize: number;
  readonly queueCapacity: number;
  readonly monitorIntervalMs: number | undefined;
}

/**
 * Reads text files line by line (UTF-8), as strings or parsed JSON. Bounded by default: the given files and
 * directories are read once and the source ends. `monitorContinuously(ms)` makes it unbounded: the directories are
 * listed again every `ms` and new files are read as they appear.
 */
export class FileSource<T> implements Source<T, FileSourceSplit, FileEnumeratorState> {
  private constructor(private readonly settings: FileSourceSettings<T>) {}

  /** The lines of the files (a directory stands for the files in it), without their line breaks. */
  static lines(paths: string | readonly string[], options: FileSourceOptions = {}): FileSource<string> {
    return new FileSource(settingsOf(paths, LineFormat.text(), options));
  }

  /** One JSON value per line; blank lines are passed over. */
  static jsonLines<T>(paths: string | readonly string[], options: JsonLinesOptions<T> = {}): FileSource<T> {
    return new FileSource(settingsOf(paths, LineFormat.json(options.onMalformed), options));
  }

  /** Streaming mode: list the paths every `intervalMs` and read the new files; the source never ends. */
  monitorContinuously(intervalMs: number): FileSource<T> {
    if (!(intervalMs > 0))
      throw new RangeError(`monitorContinuously: the interval must be positive, got ${intervalMs}`);
    return new FileSource({ ...this.settings, monitorIntervalMs: intervalMs });
  }

  get boundedness(): Boundedness {
    return this.settings.monitorIntervalMs === undefined ? 'bounded' : 'continuous-unbounded';
  }

  createEnumerator(context: SplitEnumeratorContext<FileSourceSplit>): FileSplitEnumerator {
    return new FileSplitEnumerator(context, this.settings);
  }

  restoreEnumerator(context: SplitEnumeratorContext<FileSourceSplit>, state: FileEnumeratorState): FileSplitEnumerator {
    return new FileSplitEnumerator(context, this.settings, state);
  }

  createReader(context: SourceReaderContext): FileSourceReader<T> {
    const { format, chunkSize, queueCapacity } = this.settings;
    return new FileSourceReader(context, format, chunkSize, { queueCapacity });
  }
}

function settingsOf<T>(
  paths: string | readonly string[],
  format: LineFormat<T>,
  options: FileSourceOptions,
): FileSourceSettings<T> {
  const list = typeof paths === 'string' ? [paths] : [...paths];
  if (list.length === 0) throw new RangeError('FileSource: give at least one path');
  const splitSize = options.splitSize ?? 4 * MiB;
  const chunkSize = options.chunkSize ?? 64 * 1024;
  for (const [name, value] of [
    ['splitSize', splitSize],
    ['chunkSize', chunkSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`FileSource: ${name} must be a positive integer`);
  }
  return {
    paths: list.map((p) => resolve(p)),
    format,
    splitSize,
    chunkSize,
    queueCapacity: options.queueCapacity ?? 2,
    monitorIntervalMs: undefined,
  };
}
