import type { Key } from '@dhara/core';
import { DharaError } from '@dhara/core';
import { assignToKeyGroup, type KeyGroupRange } from './keyGroups.ts';

/** A record reached a subtask that does not own its key group: a partitioning bug, never silently accepted. */
export class KeyGroupMismatchError extends DharaError {
  constructor(key: Key, keyGroup: number, range: KeyGroupRange) {
    super(
      'KEY_GROUP_MISMATCH',
      `key ${String(key)} (key group ${keyGroup}) reached a subtask that owns key groups [${range.start}, ${range.end}]`,
    );
  }
}

/**
 * One keyed value per key, kept in the heap and bucketed by key group, so that a snapshot can be cut and
 * redistributed by key group (the checkpointing issue builds on this).
 */
export class HeapKeyedState<V> {
  private readonly groups: Map<Key, V>[];

  constructor(
    private readonly range: KeyGroupRange,
    private readonly maxParallelism: number,
  ) {
    this.groups = Array.from({ length: range.end - range.start + 1 }, () => new Map<Key, V>());
  }

  /** The bucket of a key's group; fails if this subtask does not own it. */
  bucket(key: Key): Map<Key, V> {
    const group = assignToKeyGroup(key, this.maxParallelism);
    const bucket = this.groups[group - this.range.start];
    if (bucket === undefined) throw new KeyGroupMismatchError(key, group, this.range);
    return bucket;
  }

  get(key: Key): V | undefined {
    return this.bucket(key).get(key);
  }

  set(key: Key, value: V): void {
    this.bucket(key).set(key, value);
  }

  get size(): number {
    return this.groups.reduce((n, g) => n + g.size, 0);
  }
}
