export { keyedStateStore } from './heapStates.ts';
export { InternalTimerService, type ProcessingTimeService } from './InternalTimerService.ts';
export { KeyedStateBackend, StateTable } from './KeyedStateBackend.ts';
export { KeyGroupMismatchError } from './KeyGroupMismatchError.ts';
export {
  assignToKeyGroup,
  type KeyGroupRange,
  keyGroupRangeForSubtask,
  murmurHash,
  operatorIndexForKeyGroup,
} from './keyGroups.ts';
export { keyHashCode } from './keyHash.ts';
export { OperatorStateBackend } from './OperatorStateBackend.ts';
export { type PackedNumberEntries, readEntries, type StoredEntries } from './storedEntries.ts';
export { type Timer, TimerQueue } from './TimerQueue.ts';
