// @dhara/runtime/testing: what tests of jobs and connectors use beside the MiniCluster. Failure injection
// (`cluster.submit(job, { faults })`) and the key-group arithmetic that places a key on a subtask, as Flink's
// KeyGroupRangeAssignment does. Stable as far as the tests of this repository need it.
export { type CheckpointPhase, type FaultSpec, InjectedFailure } from './faults/index.ts';
export {
  assignToKeyGroup,
  type KeyGroupRange,
  keyGroupRangeForSubtask,
  keyHashCode,
  murmurHash,
  operatorIndexForKeyGroup,
} from './state/index.ts';
