export { JobClient } from './JobClient.ts';
export type { CheckpointSummary, JobResult } from './JobResult.ts';
export { MiniCluster, type MiniClusterOptions, type SubmitOptions } from './MiniCluster.ts';
