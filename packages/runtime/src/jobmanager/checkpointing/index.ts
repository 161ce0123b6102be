export { CheckpointCoordinator } from './CheckpointCoordinator.ts';
export { type AbortReason, CheckpointFailuresExceededError } from './CheckpointFailureManager.ts';
export type { CheckpointGateway, CheckpointPlan, JobCheckpointMetadata } from './CheckpointGateway.ts';
export type { CheckpointStats, CheckpointStatus } from './CheckpointStats.ts';
export type { CompletedCheckpoint } from './CompletedCheckpointStore.ts';
export { closeMasterHooks, createMasterHooks, restoreMasterHooks } from './MasterHooks.ts';
export { type TaskRef, taskKey } from './TaskRef.ts';
