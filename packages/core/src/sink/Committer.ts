/**
 * One committable handed to a `Committer`, with the signals that say how its commit went (Flink's
 * `Committer.CommitRequest`). A request left unsignalled when `commit` returns counts as committed.
 */
export interface CommitRequest<C> {
  readonly committable: C;
  /** The checkpoint whose barrier produced the committable (`Number.MAX_SAFE_INTEGER` for the end of input). */
  readonly checkpointId: number;
  /** How many times this committable was retried after `retryLater` (0 on the first round). */
  readonly numberOfRetries: number;
  /** True when the committable came back from a restored checkpoint: it may already be committed. */
  readonly recovered: boolean;
  /** The commit failed for a reason that makes retrying pointless; the committable is dropped (data loss). */
  signalFailedWithKnownReason(error: unknown): void;
  /** The commit failed and nothing is known: the job fails (and restarts per its strategy, committing again). */
  signalFailedWithUnknownReason(error: unknown): void;
  /** Try this committable again in the next round (bounded: the job fails after the last round). */
  retryLater(): void;
  /** Try again in the next round with a changed committable. */
  updateAndRetryLater(committable: C): void;
  /** The external system already holds this committable (an idempotent re-commit after a restore). */
  signalAlreadyCommitted(): void;
}

/**
 * Makes pre-committed work visible (Flink's Sink V2 `Committer`). Called with the committables of one checkpoint at a
 * time, in checkpoint order, after that checkpoint completed — and again, after a restore, with the committables of
 * the restored checkpoint. So a commit must be idempotent: committing what is already committed must succeed (or
 * `signalAlreadyCommitted`). It may return a promise; the next checkpoint's commit waits for it.
 */
export interface Committer<C> {
  commit(requests: readonly CommitRequest<C>[]): void | Promise<void>;
  close?(): void | Promise<void>;
}
