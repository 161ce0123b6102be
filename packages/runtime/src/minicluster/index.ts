export { JobClient, type JobResult } from './JobClient.ts';
export { MiniCluster, type MiniClusterOptions, type SubmitOptions } from './MiniCluster.ts';
