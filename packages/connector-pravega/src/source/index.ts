export { checkpointIdOf, checkpointName } from './checkpointName.ts';
export { type PravegaSourceOptions, type ResolvedSourceOptions, resolveSourceOptions } from './options.ts';
export { PravegaSource } from './PravegaSource.ts';
export { PravegaSourceReader } from './PravegaSourceReader.ts';
export {
  type PravegaEnumeratorState,
  type PravegaReaderSplit,
  PravegaSplitEnumerator,
  readerSplit,
} from './PravegaSplitEnumerator.ts';
export { type ReaderCheckpointData, ReaderCheckpointHook } from './ReaderCheckpointHook.ts';
export { ReaderGroupAccess } from './ReaderGroupAccess.ts';
