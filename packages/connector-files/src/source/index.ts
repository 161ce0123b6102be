export { type DiscoveredFile, discoverFiles } from './discoverFiles.ts';
export { FileSource, type FileSourceOptions, type JsonLinesOptions } from './FileSource.ts';
export {
  FileNotFoundError,
  FileNotReadableError,
  FileReadError,
  FileSourceError,
  MalformedLineError,
  NotUtf8Error,
} from './FileSourceErrors.ts';
export { FileSourceReader } from './FileSourceReader.ts';
export { type FileSourceSplit, type FileSplitState, splitsOfFile } from './FileSourceSplit.ts';
export { type FileEnumeratorSettings, type FileEnumeratorState, FileSplitEnumerator } from './FileSplitEnumerator.ts';
export { LineFormat, MALFORMED, type MalformedLineHandler, NOT_A_RECORD } from './LineFormat.ts';
export { LineSplitReader } from './LineSplitReader.ts';
export { type LineRecord, SplitLineCursor } from './SplitLineCursor.ts';
