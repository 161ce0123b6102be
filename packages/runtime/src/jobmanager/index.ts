export {
  CheckpointCoordinator,
  CheckpointFailuresExceededError,
  type CheckpointGateway,
  type CheckpointStats,
  type CheckpointStatus,
  type CompletedCheckpoint,
  type TaskRef,
} from './checkpointing/index.ts';
export { JobExecution, type JobExecutionOptions, type JobListener, type TaskLauncher } from './JobExecution.ts';
export { isTerminal, type JobStatus } from './JobStatus.ts';
export {
  JobCancelledError,
  JobFailedError,
  NoResourceError,
  SourceCoordinatorError,
  WorkerDiedError,
} from './jobErrors.ts';
export { RestartBackoff } from './RestartBackoff.ts';
export { IncompatibleStateError, planRestore } from './restorePlan.ts';
export { SourceCoordinator } from './SourceCoordinator.ts';
