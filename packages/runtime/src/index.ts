// @dhara/runtime: the job manager, task workers, network stack, state, and the local MiniCluster.
export {
  type CheckpointMetadata,
  CheckpointStorage,
  CorruptCheckpointError,
  type StateFileHandle,
} from './checkpoint/index.ts';
export { RemoteError } from './errors/index.ts';
export { type FaultSpec, InjectedFailure } from './faults/index.ts';
export {
  CheckpointCoordinator,
  CheckpointFailuresExceededError,
  type CheckpointGateway,
  type CheckpointStats,
  type CheckpointStatus,
  IncompatibleStateError,
  JobCancelledError,
  JobFailedError,
  type JobStatus,
  NoResourceError,
  RestartBackoff,
  SourceCoordinatorError,
  WorkerDiedError,
} from './jobmanager/index.ts';
export { GraphMismatchError } from './jobmodule/index.ts';
export { type CancelTimer, type Clock, Mailbox, MailPriority, ManualClock, systemClock } from './mailbox/index.ts';
export type { JobMetrics, TaskMetricsSample, VertexMetrics } from './metrics/index.ts';
export {
  JobClient,
  type JobResult,
  MiniCluster,
  type MiniClusterOptions,
  type SubmitOptions,
} from './minicluster/index.ts';
export { DEFAULT_NETWORK_CONFIG, FlowControlError, type NetworkConfig } from './network/index.ts';
export type { TaskCheckpointStats } from './protocol/index.ts';
export {
  assignToKeyGroup,
  KeyGroupMismatchError,
  type KeyGroupRange,
  keyGroupRangeForSubtask,
  keyHashCode,
  murmurHash,
  operatorIndexForKeyGroup,
} from './state/index.ts';
