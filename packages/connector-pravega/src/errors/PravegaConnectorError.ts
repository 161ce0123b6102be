import { DharaError } from '@dhara/core';

/** Base of the connector's errors; `code` says which. */
export class PravegaConnectorError extends DharaError {}

/** A pre-committed transaction can no longer be committed: its data would be lost, so the job fails. */
export class TransactionLostError extends PravegaConnectorError {
  constructor(
    readonly txnId: string,
    readonly checkpointId: number,
    reason: string,
    cause?: unknown,
  ) {
    super(
      'PRAVEGA_TXN_LOST',
      `Pravega transaction ${txnId} of checkpoint ${checkpointId} cannot be committed: ${reason}. Its events ` +
        'would be lost; failing instead (was the transaction lease shorter than checkpoint interval + timeout + ' +
        'recovery time?)',
      { cause },
    );
  }
}

/** A recovered transaction holds fewer events than its writer put into it before the checkpoint. */
export class TransactionIncompleteError extends PravegaConnectorError {
  constructor(
    readonly txnId: string,
    readonly expected: number,
    readonly found: number,
  ) {
    super(
      'PRAVEGA_TXN_INCOMPLETE',
      `Pravega transaction ${txnId} should hold ${expected} events but only ${found} are durable in it: the ` +
        'writer failed before its flush finished; committing it would lose events',
    );
  }
}

/** The next transaction was not begun yet when a barrier needed to hand over the events written since. */
export class TransactionNotReadyError extends PravegaConnectorError {
  constructor(readonly sinkUid: string) {
    super(
      'PRAVEGA_TXN_NOT_READY',
      `sink '${sinkUid}': a checkpoint barrier came while the transaction for the events before it was still ` +
        'being begun (checkpoints faster than a beginTxn round trip)',
    );
  }
}

/** A bad option, named. */
export class PravegaOptionError extends PravegaConnectorError {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super('PRAVEGA_BAD_OPTION', `option '${key}': ${message}`);
  }
}

/** An event's bytes do not decode in the table's `format`, or a value does not encode in it. */
export class PravegaFormatError extends PravegaConnectorError {
  constructor(
    readonly format: string,
    message: string,
    cause?: unknown,
  ) {
    super('PRAVEGA_BAD_RECORD', `format '${format}': ${message}`, { cause });
  }
}

/** A reader-group checkpoint could not be started for an engine checkpoint. */
export class ReaderCheckpointError extends PravegaConnectorError {
  constructor(
    readonly group: string,
    readonly checkpointId: number,
    cause: unknown,
  ) {
    super(
      'PRAVEGA_READER_CHECKPOINT_FAILED',
      `reader group '${group}': checkpoint ${checkpointId} failed: ${(cause as Error)?.message ?? String(cause)}`,
      { cause },
    );
  }
}
