// FLIP-27 sources: the contracts (Source, SplitEnumerator, SourceReader) and the built-in sequence sources.
// The reader base for connectors (./reader/) builds on these and has its own door.
export { GeneratorSource, type GeneratorSourceOptions } from './GeneratorSource.ts';
export { QueueSplitEnumerator } from './QueueSplitEnumerator.ts';
export { contiguousSplits, SequenceSource, type SequenceSplit } from './SequenceSource.ts';
export type { Boundedness, Source, VersionedSerializer } from './Source.ts';
export type { SourceEvent } from './SourceEvent.ts';
export {
  InputStatus,
  type ReaderOutput,
  type SourceOutput,
  type SourceReader,
  type SourceReaderContext,
} from './SourceReader.ts';
export type { SourceSplit } from './SourceSplit.ts';
export type { ReaderInfo, SplitEnumerator, SplitEnumeratorContext } from './SplitEnumerator.ts';
