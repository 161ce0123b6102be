export type { TaskDeployment } from './deployment.ts';
export type {
  FailedOperator,
  JobManagerToTask,
  TaskCheckpointStats,
  TaskOutcome,
  TaskToJobManager,
} from './messages.ts';
