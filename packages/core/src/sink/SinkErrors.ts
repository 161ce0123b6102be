import { DharaError } from '../errors/index.ts';

/** A sink's external transactions may expire before the checkpoint that commits them completes. */
export class TransactionTimeoutError extends DharaError {
  constructor(
    readonly sinkName: string,
    readonly sinkUid: string,
    readonly transactionTimeoutMs: number,
    readonly checkpointIntervalMs: number,
    readonly checkpointTimeoutMs: number,
  ) {
    super(
      'SINK_TRANSACTION_TIMEOUT_TOO_SHORT',
      `sink '${sinkName}' (uid '${sinkUid}') declares transactionTimeoutMs ${transactionTimeoutMs}, but the checkpoint interval ` +
        `${checkpointIntervalMs} ms + checkpoint timeout ${checkpointTimeoutMs} ms = ` +
        `${checkpointIntervalMs + checkpointTimeoutMs} ms exceeds it: a transaction could expire before its ` +
        "checkpoint commits it. Raise the sink's transaction timeout or lower the interval and the timeout",
    );
  }
}

/** A committer signalled an unknown failure, or threw. */
export class CommitFailedError extends DharaError {
  constructor(
    readonly sinkUid: string,
    readonly checkpointId: number,
    cause: unknown,
  ) {
    super(
      'SINK_COMMIT_FAILED',
      `sink '${sinkUid}' failed to commit checkpoint ${checkpointId}: ${(cause as Error)?.message ?? String(cause)}`,
      { cause },
    );
  }
}

/** A committable still asked to be retried after the last round. */
export class CommitRetriesExhaustedError extends DharaError {
  constructor(
    readonly sinkUid: string,
    readonly checkpointId: number,
    readonly retries: number,
    readonly remaining: number,
  ) {
    super(
      'SINK_COMMIT_RETRIES_EXHAUSTED',
      `sink '${sinkUid}': ${remaining} committable(s) of checkpoint ${checkpointId} still asked to be retried ` +
        `after ${retries} retries`,
    );
  }
}

/** A committing writer returned a promise where the barrier cannot wait for one. */
export class SinkWriterNotSynchronousError extends DharaError {
  constructor(
    readonly sinkUid: string,
    readonly method: string,
  ) {
    super(
      'SINK_WRITER_NOT_SYNCHRONOUS',
      `sink '${sinkUid}': a committing writer's ${method} returned a promise; write and prepareCommit must be ` +
        'synchronous, as they decide what belongs to the checkpoint while its barrier waits',
    );
  }
}
