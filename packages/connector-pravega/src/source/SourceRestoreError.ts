import { PravegaConnectorError } from '../errors/index.ts';

/**
 * The enumerator was restored from checkpoint or savepoint `checkpointId`, but the reader group was not reset to that
 * checkpoint's reader-group checkpoint (the master hook's `restoreCheckpoint` did not run for it). Reading on from
 * wherever the group stands would lose or repeat events, so the job fails instead.
 */
export class SourceRestoreError extends PravegaConnectorError {
  constructor(
    readonly group: string,
    readonly checkpointId: number,
    readonly restoredTo: number | undefined,
  ) {
    super(
      'PRAVEGA_SOURCE_NOT_RESTORED',
      `reader group '${group}': the source was restored from checkpoint ${checkpointId} but its master hook ` +
        `${restoredTo === undefined ? 'did not restore any checkpoint' : `restored checkpoint ${restoredTo}`}; ` +
        'the runtime must call the hook’s restoreCheckpoint with the stored reader-group checkpoint before the ' +
        'enumerator is restored (also when a job starts from a savepoint)',
    );
  }
}
