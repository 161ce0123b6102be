export {
  type AbortReason,
  CheckpointCoordinator,
  CheckpointFailuresExceededError,
  type CheckpointGateway,
  type CompletedCheckpoint,
  type TaskRef,
} from './CheckpointCoordinator.ts';
export type { CheckpointStats, CheckpointStatus } from './CheckpointStats.ts';
