/** A job's lifecycle, as Flink names it; RESTARTING between a failure and the next attempt. */
export type JobStatus =
  | 'CREATED'
  | 'RUNNING'
  | 'RESTARTING'
  | 'FINISHED'
  | 'FAILING'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED';

export function isTerminal(status: JobStatus): boolean {
  return status === 'FINISHED' || status === 'FAILED' || status === 'CANCELED';
}
