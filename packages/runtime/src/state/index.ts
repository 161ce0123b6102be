export { KeyGroupMismatchError } from './KeyGroupMismatchError.ts';
export { InternalTimerService, type ProcessingTimeService } from './InternalTimerService.ts';
export { KeyedStateBackend, StateTable } from './KeyedStateBackend.ts';
export {
  assignToKeyGroup,
  type KeyGroupRange,
  keyGroupRangeForSubtask,
  murmurHash,
  operatorIndexForKeyGroup,
} from './keyGroups.ts';
export { keyHashCode } from './keyHash.ts';
export { keyedStateStore } from './stateHandles.ts';
export { type Timer, TimerQueue } from './TimerQueue.ts';
export { OperatorStateBackend } from './OperatorStateBackend.ts';
