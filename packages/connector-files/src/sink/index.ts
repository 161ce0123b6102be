export { type BucketAssigner, basePathBuckets, eventDateBuckets } from './BucketAssigner.ts';
export { FileCommitter } from './FileCommitter.ts';
export { FileSink, type FileSinkOptions } from './FileSink.ts';
export { PartFileMissingError } from './FileSinkErrors.ts';
export type { FileCommittable } from './partFileNames.ts';
export type { RollingPolicy } from './RollingPolicy.ts';
