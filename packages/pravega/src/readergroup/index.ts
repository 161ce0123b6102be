export {
  type CheckpointProgress,
  type CompletedCheckpoint,
  type GroupConfig,
  type GroupStreamConfig,
  type GroupUpdate,
  parseSegmentKey,
  ReaderGroupState,
  type SegmentKey,
  type Successor,
  segmentKey,
} from './ReaderGroupState.ts';
export { StateSynchronizer, type SynchronizerConnection } from './StateSynchronizer.ts';
