import { assembleTaskState } from './assembleState.ts';
import { CheckpointStorage } from './CheckpointStorage.ts';
import type { TaskSnapshot } from './formats.ts';
import type { RestoreSpec } from './RestoreSpec.ts';
import { decodeState } from './stateCodec.ts';

/** Reads (and checks) the files a new subtask restores from, and assembles its state for its own operators. */
export async function loadRestoredState(
  spec: RestoreSpec,
  vertexId: number,
  subtaskIndex: number,
  parallelism: number,
  uids: readonly string[],
): Promise<TaskSnapshot> {
  const oldTasks = [];
  for (const { handle, oldParallelism } of spec.files) {
    const snapshot = decodeState<TaskSnapshot>(await CheckpointStorage.readStateFile(spec.dir, handle));
    oldTasks.push({ snapshot, oldParallelism });
  }
  // A plain restart (same parallelism) restores the subtask's own file whole, channel state included.
  const own = oldTasks.find((t) => t.oldParallelism === parallelism && t.snapshot.subtaskIndex === subtaskIndex);
  if (oldTasks.length === 1 && own !== undefined && own.snapshot.vertexId === vertexId) return own.snapshot;
  return assembleTaskState(vertexId, subtaskIndex, parallelism, uids, oldTasks);
}
