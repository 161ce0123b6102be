import type { Transaction } from '@dhara/pravega';

/**
 * A transaction pre-committed by a writer of this thread and not yet committed: the committer of the same subtask
 * (same thread) waits for its flush and commits it through the same object. After a restart the committer finds
 * none here and resumes the transaction by id instead.
 */
export interface LiveTransaction {
  readonly txn: Transaction<unknown>;
  /** The first write error, if any: the transaction is then incomplete and must not be committed. */
  failure(): unknown;
}

export const liveTransactions = new Map<string, LiveTransaction>();
