import type { Key } from '@dhara/core';
import { DharaError } from '@dhara/core';
import type { KeyGroupRange } from './keyGroups.ts';

/** A record reached a subtask that does not own its key group: a partitioning bug, never silently accepted. */
export class KeyGroupMismatchError extends DharaError {
  constructor(key: Key, keyGroup: number, range: KeyGroupRange) {
    super(
      'KEY_GROUP_MISMATCH',
      `key ${String(key)} (key group ${keyGroup}) reached a subtask that owns key groups [${range.start}, ${range.end}]`,
    );
  }
}
