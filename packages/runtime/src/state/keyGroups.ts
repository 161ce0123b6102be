import type { Key } from '@dhara/core';
import { keyHashCode } from './keyHash.ts';

/** Flink's `MathUtils.murmurHash(int)`: the murmur3 mix of one 32-bit block and its finaliser, made non-negative. */
export function murmurHash(code: number): number {
  let h = Math.imul(code, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  if (h >= 0) return h;
  return h === -2147483648 ? 0 : -h;
}

/** The key group of a key: murmur3(hashCode(key)) mod maxParallelism, as Flink's KeyGroupRangeAssignment. */
export function assignToKeyGroup(key: Key, maxParallelism: number): number {
  return murmurHash(keyHashCode(key)) % maxParallelism;
}

/** The subtask that owns a key group: floor(keyGroup * parallelism / maxParallelism). */
export function operatorIndexForKeyGroup(maxParallelism: number, parallelism: number, keyGroup: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** An inclusive range of key groups. */
export interface KeyGroupRange {
  readonly start: number;
  readonly end: number;
}

/** The contiguous key groups subtask `index` owns: [ceil(i·maxP/p), floor(((i+1)·maxP − 1)/p)]. */
export function keyGroupRangeForSubtask(maxParallelism: number, parallelism: number, index: number): KeyGroupRange {
  if (parallelism < 1 || parallelism > maxParallelism) {
    throw new RangeError(`parallelism ${parallelism} must be in [1, maxParallelism ${maxParallelism}]`);
  }
  if (index < 0 || index >= parallelism) throw new RangeError(`subtask ${index} is outside [0, ${parallelism})`);
  return {
    start: Math.floor((index * maxParallelism + parallelism - 1) / parallelism),
    end: Math.floor(((index + 1) * maxParallelism - 1) / parallelism),
  };
}
