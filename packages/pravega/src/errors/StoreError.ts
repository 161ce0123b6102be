import { DharaError } from '@dhara/core';

/** Every failure of the stream store: `code` says what kind, the message names the scope/stream/segment/txn. */
export class StoreError extends DharaError {}

export type StoreErrorCode =
  | 'SCOPE_NOT_FOUND'
  | 'STREAM_NOT_FOUND'
  | 'SEGMENT_NOT_FOUND'
  | 'SEGMENT_SEALED'
  | 'STREAM_SEALED'
  | 'ALREADY_EXISTS'
  | 'NOT_EMPTY'
  | 'INVALID_ARGUMENT'
  | 'EVENT_TOO_LARGE'
  | 'CONDITIONAL_CHECK_FAILED'
  | 'TXN_NOT_FOUND'
  | 'TXN_FAILED'
  | 'MAX_CHECKPOINTS_EXCEEDED'
  | 'CHECKPOINT_CANCELLED'
  | 'REINITIALIZATION_REQUIRED'
  | 'TRUNCATED_DATA'
  | 'READER_NOT_IN_GROUP'
  | 'MALFORMED_FRAME'
  | 'CONNECTION_CLOSED'
  | 'STORE_CLOSED'
  | 'STORE_FAILED'
  | 'STORE_LOCKED'
  | 'TIMEOUT';

export class ScopeNotFoundError extends StoreError {
  constructor(readonly scope: string) {
    super('SCOPE_NOT_FOUND', `scope '${scope}' not found`);
  }
}

export class StreamNotFoundError extends StoreError {
  constructor(
    readonly scope: string,
    readonly stream: string,
  ) {
    super('STREAM_NOT_FOUND', `stream '${scope}/${stream}' not found`);
  }
}

export class SegmentNotFoundError extends StoreError {
  constructor(readonly segment: string) {
    super('SEGMENT_NOT_FOUND', `segment '${segment}' not found`);
  }
}

/** A write hit a sealed segment: a writer re-routes to the successors, a caller sees it only for a sealed stream. */
export class SegmentSealedError extends StoreError {
  constructor(readonly segment: string) {
    super('SEGMENT_SEALED', `segment '${segment}' is sealed`);
  }
}

export class StreamSealedError extends StoreError {
  constructor(
    readonly scope: string,
    readonly stream: string,
  ) {
    super('STREAM_SEALED', `stream '${scope}/${stream}' is sealed`);
  }
}

export class AlreadyExistsError extends StoreError {
  constructor(what: string) {
    super('ALREADY_EXISTS', `${what} already exists`);
  }
}

export class InvalidArgumentError extends StoreError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

export class EventTooLargeError extends StoreError {
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super('EVENT_TOO_LARGE', `event of ${size} bytes exceeds the maximum of ${max} bytes`);
  }
}

/** A conditional append found the segment at another offset than expected (the state synchronizer retries). */
export class ConditionalCheckFailedError extends StoreError {
  constructor(
    readonly segment: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super('CONDITIONAL_CHECK_FAILED', `conditional append on '${segment}' expected offset ${expected}, was ${actual}`);
  }
}

export class TxnNotFoundError extends StoreError {
  constructor(readonly txnId: string) {
    super('TXN_NOT_FOUND', `transaction not found: ${txnId}`);
  }
}

/** The transaction cannot do what was asked in its current state (e.g. commit after abort, write after commit). */
export class TxnFailedError extends StoreError {
  constructor(
    readonly txnId: string,
    message: string,
  ) {
    super('TXN_FAILED', `transaction ${txnId}: ${message}`);
  }
}

export class MaxNumberOfCheckpointsExceededError extends StoreError {
  constructor(
    readonly group: string,
    readonly max: number,
  ) {
    super(
      'MAX_CHECKPOINTS_EXCEEDED',
      `reader group '${group}' already has ${max} outstanding checkpoints (maxOutstandingCheckpointRequest)`,
    );
  }
}

/** The reader group was reset (its generation moved on): this reader must be closed and a new one created. */
export class ReinitializationRequiredError extends StoreError {
  constructor(
    readonly group: string,
    readonly readerId: string,
    readonly readerGeneration: number,
    readonly groupGeneration: number,
  ) {
    super(
      'REINITIALIZATION_REQUIRED',
      `reader '${readerId}' of group '${group}' belongs to generation ${readerGeneration}, the group is at ${groupGeneration}: recreate the reader`,
    );
  }
}

export class TruncatedDataError extends StoreError {
  constructor(readonly segment: string) {
    super('TRUNCATED_DATA', `data of segment '${segment}' was truncated; the next read continues at the new head`);
  }
}

export class ConnectionClosedError extends StoreError {
  constructor(message: string) {
    super('CONNECTION_CLOSED', message);
  }
}

/** Rebuild a typed error from the code and message a server sent. */
export function storeErrorFromWire(code: string, message: string): StoreError {
  return new StoreError(code, message);
}
