export type { TaskDeployment } from './deployment.ts';
export type { FailedOperator, JobManagerToTask, TaskOutcome, TaskToJobManager } from './messages.ts';
