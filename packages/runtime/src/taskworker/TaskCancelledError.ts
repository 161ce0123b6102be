import { DharaError } from '@dhara/core';

/** Thrown inside a task loop when the job manager cancelled it. */
export class TaskCancelledError extends DharaError {
  constructor() {
    super('TASK_CANCELLED', 'the task was cancelled');
  }
}
