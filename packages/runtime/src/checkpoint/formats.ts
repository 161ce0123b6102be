import type { Key } from '@dhara/core';
import type { StoredEntries } from '../state/index.ts';

/** A subtask's state in a checkpoint, with what it takes to trust it when it is read back. */
export interface StateFileHandle {
  /** Relative to the checkpoint's directory, so a savepoint directory can be moved ('' when inline). */
  readonly file: string;
  readonly size: number;
  readonly crc32: number;
  /** Small state is kept in `_metadata` itself instead of a file (`inlineStateThresholdBytes`). */
  readonly inline?: Uint8Array;
}

/** One key group of one keyed operator: its tables and timers. */
export interface KeyGroupSnapshot {
  /** Entries per table: pairs, or packed columns when all are numbers (state/storedEntries.ts). */
  readonly tables: Record<string, StoredEntries>;
  /** [timestamp, key, namespace] */
  readonly eventTimers: [number, Key, string][];
  readonly processingTimers: [number, Key, string][];
}

/** What one operator of one subtask put in a checkpoint. */
export interface OperatorSnapshot {
  /** Keyed state and timers by key group (keyed operators). */
  readonly keyGroups?: Record<number, KeyGroupSnapshot>;
  /** Operator list state, split over subtasks on rescale. */
  readonly listState?: Record<string, unknown[]>;
  /** Operator union state, given whole to every subtask on rescale. */
  readonly unionState?: Record<string, unknown[]>;
}

/**
 * An unaligned checkpoint's in-flight data of one subtask (FLIP-76): encoded data frames per channel index (the
 * task's input channels in gate order, its output channels in edge order). Watermarks are not stored: they are
 * regenerated. The channel counts are kept to refuse a restore into another topology (parallelism).
 */
export interface ChannelStateSnapshot {
  readonly inputChannels: number;
  readonly outputChannels: number;
  /** Frames that precede the barrier on each input channel and were not processed before the snapshot. */
  readonly inputs: Record<number, Uint8Array[]>;
  /** Frames the barrier overtook in each output channel's backlog. */
  readonly outputs: Record<number, Uint8Array[]>;
}

/** Everything one subtask stores in a checkpoint, by operator uid. */
export interface TaskSnapshot {
  readonly vertexId: number;
  readonly subtaskIndex: number;
  readonly operators: Record<string, OperatorSnapshot>;
  /** Only in unaligned checkpoints, in the same file. */
  readonly channelState?: ChannelStateSnapshot;
}

/** The uid under which a source reader's splits are stored: the source operator's own uid. */
export const SOURCE_SPLITS_STATE = 'source-splits';

/** A subtask's acknowledged part of a checkpoint, as `_metadata` records it. */
export interface TaskStateEntry {
  readonly vertexId: number;
  readonly subtaskIndex: number;
  /** The uids of the operators in this subtask's state file. */
  readonly operatorUids: readonly string[];
  readonly handle: StateFileHandle;
}

/** `_metadata`: what makes a checkpoint complete and restorable. */
export interface CheckpointMetadata {
  readonly version: 1;
  readonly jobId: string;
  readonly jobName: string;
  readonly checkpointId: number;
  readonly timestamp: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly maxParallelism: number;
  /** Per job vertex: its operators' uids and parallelism when the checkpoint was taken. */
  readonly vertices: readonly { readonly id: number; readonly uids: readonly string[]; readonly parallelism: number }[];
  readonly tasks: readonly TaskStateEntry[];
  /** Split enumerator states by source operator uid (encoded). */
  readonly coordinators: Record<string, Uint8Array>;
  /** Master hook data by hook identifier (encoded). */
  readonly hooks: Record<string, Uint8Array>;
}
