import type { CommittableSerializer } from '@dhara/core';

/** The committables of one checkpoint as stored in operator list state: plain data, or serialized bytes. */
export type StoredCommittables =
  | { readonly checkpointId: number; readonly committables: unknown[] }
  | { readonly checkpointId: number; readonly version: number; readonly bytes: Uint8Array[] };

/**
 * A committing sink's prepared, not yet committed, work by checkpoint id (Flink's `CommittableCollector`): filled on
 * each barrier, emptied checkpoint by checkpoint as they commit. An aborted checkpoint's entry stays and is
 * committed with the next completed one.
 */
export class CommittableStore<C> {
  private readonly byCheckpoint = new Map<number, C[]>();

  constructor(private readonly serializer: CommittableSerializer<C> | undefined) {}

  add(checkpointId: number, committables: readonly C[]): void {
    const list = this.byCheckpoint.get(checkpointId) ?? [];
    list.push(...committables);
    this.byCheckpoint.set(checkpointId, list);
  }

  /** The checkpoint ids up to `checkpointId`, in order. */
  idsUpTo(checkpointId: number): number[] {
    return [...this.byCheckpoint.keys()].filter((id) => id <= checkpointId).sort((a, b) => a - b);
  }

  get(checkpointId: number): C[] {
    return this.byCheckpoint.get(checkpointId) ?? [];
  }

  remove(checkpointId: number): void {
    this.byCheckpoint.delete(checkpointId);
  }

  get size(): number {
    return this.byCheckpoint.size;
  }

  /** Everything still to commit, for the checkpoint. */
  toState(): StoredCommittables[] {
    const serializer = this.serializer;
    return [...this.byCheckpoint].map(([checkpointId, list]) =>
      serializer === undefined
        ? { checkpointId, committables: [...list] }
        : { checkpointId, version: serializer.version, bytes: list.map((c) => serializer.serialize(c)) },
    );
  }

  /** Restored entries, in checkpoint order (a scale-in may give one subtask several entries of one id). */
  static fromState<C>(serializer: CommittableSerializer<C> | undefined, entries: readonly StoredCommittables[]) {
    const store = new CommittableStore<C>(serializer);
    for (const entry of entries) {
      if ('bytes' in entry) {
        if (serializer === undefined) {
          throw new TypeError('restored serialized committables, but the sink has no committableSerializer');
        }
        store.add(
          entry.checkpointId,
          entry.bytes.map((b) => serializer.deserialize(entry.version, b)),
        );
      } else {
        store.add(entry.checkpointId, entry.committables as C[]);
      }
    }
    return store;
  }
}
