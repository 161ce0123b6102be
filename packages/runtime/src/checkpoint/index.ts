export { assembleOperatorState, assembleTaskState, type StatePiece } from './assembleState.ts';
export { CheckpointStorage, CorruptCheckpointError } from './CheckpointStorage.ts';
export {
  type ChannelStateSnapshot,
  type CheckpointMetadata,
  type KeyGroupSnapshot,
  type OperatorSnapshot,
  SOURCE_SPLITS_STATE,
  type StateFileHandle,
  type TaskSnapshot,
  type TaskStateEntry,
} from './formats.ts';
export { loadRestoredState } from './loadRestoredState.ts';
export type { RestoreSpec } from './RestoreSpec.ts';
export { decodeState, encodeState } from './stateCodec.ts';
