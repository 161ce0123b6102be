export { FetchQueue } from './FetchQueue.ts';
export type { RecordEmitter } from './RecordEmitter.ts';
export { isEmptyFetch, RecordsWithSplitIds, type SplitRecords } from './RecordsWithSplitIds.ts';
export { SourceReaderBase, type SourceReaderBaseOptions } from './SourceReaderBase.ts';
export { SplitFetcher } from './SplitFetcher.ts';
export { type FetcherMode, SplitFetcherManager } from './SplitFetcherManager.ts';
export type { SplitReader, SplitsAddition, SplitsChange } from './SplitReader.ts';
