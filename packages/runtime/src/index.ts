// @dhara/runtime: runs Dhara jobs. The door holds what a user and a connector call: the local MiniCluster and its job
// client, what they report (status, metrics, checkpoint statistics), checkpoint storage (to read savepoints), the
// network options, and the errors a job can end with. Fault injection and key-group arithmetic, for tests, are on
// '@dhara/runtime/testing'; everything else is free to change.

// Checkpoints and savepoints on disk.
export {
  type CheckpointMetadata,
  CheckpointStorage,
  CorruptCheckpointError,
  type StateFileHandle,
} from './checkpoint/index.ts';
// The errors a job can end with (each has a stable `code`).
export { RemoteError } from './errors/index.ts';

// What a running job reports.
export type { CheckpointStats, CheckpointStatus, JobStatus } from './jobmanager/index.ts';
export {
  CheckpointFailuresExceededError,
  CheckpointFallbackRefusedError,
  IncompatibleStateError,
  JobCancelledError,
  JobFailedError,
  NoResourceError,
  SourceCoordinatorError,
  WorkerDiedError,
} from './jobmanager/index.ts';
export { GraphMismatchError } from './jobmodule/index.ts';
export type { JobMetrics, TaskMetricsSample, VertexMetrics } from './metrics/index.ts';
// The cluster and the job client.
export {
  type CheckpointSummary,
  JobClient,
  type JobResult,
  MiniCluster,
  type MiniClusterOptions,
  type SubmitOptions,
} from './minicluster/index.ts';
export { DEFAULT_NETWORK_CONFIG, FlowControlError, type NetworkConfig } from './network/index.ts';
export type { TaskCheckpointStats } from './protocol/index.ts';
export { KeyGroupMismatchError } from './state/index.ts';
