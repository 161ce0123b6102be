import type { SourceOutput } from '../index.ts';

/**
 * Turns one fetched record into output elements (zero or more) and moves the split's mutable state past it, so that
 * a checkpoint taken after this call restarts after this record. Runs on the task's thread, inside `pollNext`.
 */
export interface RecordEmitter<E, T, SplitState> {
  emitRecord(record: E, output: SourceOutput<T>, splitState: SplitState): void;
}
