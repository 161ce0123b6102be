export { GeneratorSource, type GeneratorSourceOptions } from './GeneratorSource.ts';
export { QueueSplitEnumerator } from './QueueSplitEnumerator.ts';
export * from './reader/index.ts';
export { contiguousSplits, SequenceSource, type SequenceSplit } from './SequenceSource.ts';
export type { Boundedness, Source, SourceEvent, SourceSplit, VersionedSerializer } from './Source.ts';
export {
  InputStatus,
  type ReaderOutput,
  type SourceOutput,
  type SourceReader,
  type SourceReaderContext,
} from './SourceReader.ts';
export type { ReaderInfo, SplitEnumerator, SplitEnumeratorContext } from './SplitEnumerator.ts';
