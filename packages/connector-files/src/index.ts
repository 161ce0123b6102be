// @dhara/connector-files: the file source and the exactly-once file sink (text lines, JSON lines).

// The file sink (./sink/): part files committed by rename when a checkpoint completes.
export {
  type BucketAssigner,
  basePathBuckets,
  eventDateBuckets,
  type FileCommittable,
  FileCommitter,
  FileSink,
  type FileSinkOptions,
  PartFileMissingError,
  type RollingPolicy,
} from './sink/index.ts';
// The file source (./source/): files cut into line-aligned byte ranges, read bounded or by watching directories.
export {
  type DiscoveredFile,
  discoverFiles,
  type FileEnumeratorSettings,
  type FileEnumeratorState,
  FileNotFoundError,
  FileNotReadableError,
  FileReadError,
  FileSource,
  FileSourceError,
  type FileSourceOptions,
  FileSourceReader,
  type FileSourceSplit,
  FileSplitEnumerator,
  type FileSplitState,
  type JsonLinesOptions,
  LineFormat,
  type LineRecord,
  LineSplitReader,
  MALFORMED,
  MalformedLineError,
  type MalformedLineHandler,
  NOT_A_RECORD,
  NotUtf8Error,
  SplitLineCursor,
  splitsOfFile,
} from './source/index.ts';
