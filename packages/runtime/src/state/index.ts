export { HeapKeyedState, KeyGroupMismatchError } from './HeapKeyedState.ts';
export {
  assignToKeyGroup,
  type KeyGroupRange,
  keyGroupRangeForSubtask,
  murmurHash,
  operatorIndexForKeyGroup,
} from './keyGroups.ts';
export { keyHashCode } from './keyHash.ts';
