export {
  type CheckpointConfig,
  type CheckpointingMode,
  DEFAULT_CHECKPOINT_CONFIG,
  validateCheckpointConfig,
} from './CheckpointConfig.ts';
export {
  type ExternallyInducedSource,
  type ExternallyInducedSourceReader,
  isExternallyInducedReader,
  isExternallyInducedSource,
  type MasterTriggerRestoreHook,
} from './hooks.ts';
export { RestartStrategy } from './RestartStrategy.ts';
