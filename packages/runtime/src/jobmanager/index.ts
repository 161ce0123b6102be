export {
  CheckpointCoordinator,
  CheckpointFailuresExceededError,
  type CheckpointGateway,
  type CheckpointStats,
  type CheckpointStatus,
  type CompletedCheckpoint,
  type TaskRef,
} from './checkpointing/index.ts';
export type { TaskLauncher } from './deployTasks.ts';
export { JobExecution } from './JobExecution.ts';
export type { JobExecutionOptions } from './JobExecutionOptions.ts';
export type { JobListener } from './JobListener.ts';
export { isTerminal, type JobStatus } from './JobStatus.ts';
export {
  JobCancelledError,
  JobFailedError,
  NoResourceError,
  SourceCoordinatorError,
  WorkerDiedError,
} from './jobErrors.ts';
export { RestartBackoff } from './RestartBackoff.ts';
export { CheckpointFallbackRefusedError } from './restoreCheckpoint.ts';
export { IncompatibleStateError, planRestore } from './restorePlan.ts';
export { SourceCoordinator } from './SourceCoordinator.ts';
