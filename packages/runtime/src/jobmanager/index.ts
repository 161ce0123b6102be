export { JobExecution, type JobExecutionOptions, type JobListener, type TaskLauncher } from './JobExecution.ts';
export { isTerminal, type JobStatus } from './JobStatus.ts';
export {
  JobCancelledError,
  JobFailedError,
  NoResourceError,
  SourceCoordinatorError,
  WorkerDiedError,
} from './jobErrors.ts';
export { SourceCoordinator } from './SourceCoordinator.ts';
