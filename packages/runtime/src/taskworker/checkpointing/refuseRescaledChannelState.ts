import { CheckpointStorage, decodeState, type RestoreSpec, type TaskSnapshot } from '../../checkpoint/index.ts';
import { ChannelStateRescaleError, holdsInFlightData } from './restoreChannelState.ts';

/**
 * A subtask restored from other subtasks' files (its vertex was rescaled) gets their operator state redistributed,
 * but in-flight data cannot be: fail clearly, instead of silently dropping it, if any of those files holds some.
 * A plain restart (its own file, same parallelism) restores channel state whole and is not checked here.
 */
export async function refuseRescaledChannelState(spec: RestoreSpec, parallelism: number, task: string): Promise<void> {
  const [only, ...others] = spec.files;
  if (only !== undefined && others.length === 0 && only.oldParallelism === parallelism) return;
  for (const { handle, oldParallelism } of spec.files) {
    const snapshot = decodeState<TaskSnapshot>(await CheckpointStorage.readStateFile(spec.dir, handle));
    if (holdsInFlightData(snapshot.channelState)) {
      throw new ChannelStateRescaleError(
        task,
        `${spec.dir} is an unaligned checkpoint with in-flight data, taken at parallelism ${oldParallelism}, and ` +
          `the task now runs at parallelism ${parallelism}`,
      );
    }
  }
}
