import type { StreamEnvironment } from '../environment/index.ts';
import { DharaError } from '../errors/index.ts';

const JOB_MARK = Symbol.for('dhara.job');

/** A job: a name and the function that declares its dataflow. A job module's default export. */
export interface JobDefinition {
  readonly [JOB_MARK]: true;
  readonly name: string;
  readonly build: (env: StreamEnvironment) => void;
}

/**
 * Declares a job. `build` runs in the job manager and again in every worker thread, and must declare the same graph
 * each time: no Math.random(), clock or I/O in deciding what the graph looks like.
 */
export function defineJob(name: string, build: (env: StreamEnvironment) => void): JobDefinition {
  if (typeof name !== 'string' || name.length === 0)
    throw new TypeError('defineJob: the name must be a non-empty string');
  if (typeof build !== 'function') throw new TypeError(`defineJob('${name}'): build must be a function`);
  return { [JOB_MARK]: true, name, build };
}

export function isJobDefinition(value: unknown): value is JobDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[JOB_MARK] === true;
}

/** A job module could not be used: it does not load, or its default export is not a job. */
export class JobModuleError extends DharaError {
  constructor(
    readonly modulePath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('BAD_JOB_MODULE', `job module ${modulePath}: ${message}`, options);
  }
}
