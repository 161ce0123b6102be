import type { StateFileHandle } from './formats.ts';

/**
 * What a new subtask restores from: the checkpoint or savepoint directory and the files of the old subtasks that hold
 * state of its operators, each with the parallelism its vertex had (to tell a rescale from a plain restart).
 */
export interface RestoreSpec {
  readonly dir: string;
  readonly files: readonly { readonly handle: StateFileHandle; readonly oldParallelism: number }[];
}
