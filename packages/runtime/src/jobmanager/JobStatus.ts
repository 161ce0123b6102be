/** A job's lifecycle, as Flink names it. */
export type JobStatus = 'CREATED' | 'RUNNING' | 'FINISHED' | 'FAILING' | 'FAILED' | 'CANCELLING' | 'CANCELED';

export function isTerminal(status: JobStatus): boolean {
  return status === 'FINISHED' || status === 'FAILED' || status === 'CANCELED';
}
