import { DharaError } from '@dhara/core';

/** Where in a job a failure happened. */
export interface FailureOrigin {
  readonly vertexName: string;
  readonly operatorName: string | undefined;
  readonly operatorUid: string | undefined;
  readonly subtaskIndex: number;
  readonly parallelism: number;
}

/** A job failed; the message names the operator (name and uid), the subtask and the cause. */
export class JobFailedError extends DharaError {
  constructor(
    readonly jobName: string,
    readonly origin: FailureOrigin | undefined,
    cause: unknown,
  ) {
    const where =
      origin === undefined
        ? ''
        : origin.operatorName !== undefined
          ? ` in operator '${origin.operatorName}' (uid '${origin.operatorUid}'), subtask ${origin.subtaskIndex + 1}/${origin.parallelism}`
          : ` in task '${origin.vertexName}', subtask ${origin.subtaskIndex + 1}/${origin.parallelism}`;
    super('JOB_FAILED', `job '${jobName}' failed${where}: ${describe(cause)}`, { cause });
  }
}

/** The job was cancelled before it finished. */
export class JobCancelledError extends DharaError {
  constructor(jobName: string) {
    super('JOB_CANCELLED', `job '${jobName}' was cancelled`);
  }
}

/** The cluster has too few free slots for the job. */
export class NoResourceError extends DharaError {
  constructor(jobName: string, needed: number, free: number, total: string) {
    super(
      'NO_RESOURCES',
      `job '${jobName}' needs ${needed} slots (its highest parallelism; operators share slots) but the cluster has ` +
        `${free} free of ${total}`,
    );
  }
}

/** A worker thread ended while it hosted a task. */
export class WorkerDiedError extends DharaError {
  constructor(threadId: number | undefined, cause: unknown) {
    super(
      'WORKER_DIED',
      `the worker thread${threadId === undefined ? '' : ` ${threadId}`} hosting the task died: ${describe(cause)}`,
      { cause },
    );
  }
}

/** A split enumerator threw, or was used wrongly. */
export class SourceCoordinatorError extends DharaError {
  constructor(sourceName: string, message: string, cause?: unknown) {
    super(
      'SOURCE_COORDINATOR_FAILED',
      `source '${sourceName}': ${message}${cause === undefined ? '' : `: ${describe(cause)}`}`,
      cause === undefined ? undefined : { cause },
    );
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? `${cause.name === 'Error' ? '' : `${cause.name}: `}${cause.message}` : String(cause);
}
