import type { Key } from '@dhara/core';
import type { PartitionerSpec } from '@dhara/core/internal';
import { assignToKeyGroup, operatorIndexForKeyGroup } from '../state/index.ts';

/** Picks the channel of a record; BROADCAST means every channel. */
export type ChannelSelector = (value: unknown) => number;
export const BROADCAST = -1;

export interface PartitionerContext {
  readonly subtaskIndex: number;
  readonly numChannels: number;
  readonly maxParallelism: number;
  /** Called with a key-selector failure, to name the operator in the error. */
  readonly describe: string;
}

export function createChannelSelector(spec: PartitionerSpec, context: PartitionerContext): ChannelSelector {
  const n = context.numChannels;
  switch (spec.kind) {
    case 'forward':
      // A forward edge connects subtask i to subtask i only: the writer has exactly one channel.
      return () => 0;
    case 'broadcast':
      return () => BROADCAST;
    case 'rebalance': {
      // Start at a different channel in each subtask, so producers do not all hit channel 0 first.
      let next = context.subtaskIndex % n;
      return () => {
        const channel = next;
        next = next + 1 === n ? 0 : next + 1;
        return channel;
      };
    }
    case 'keyGroup': {
      const { keySelector } = spec;
      const maxP = context.maxParallelism;
      return (value) => {
        const key: Key = keySelector(value);
        return operatorIndexForKeyGroup(maxP, n, assignToKeyGroup(key, maxP));
      };
    }
  }
}
