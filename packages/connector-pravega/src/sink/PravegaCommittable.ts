/** What a barrier hands to the committer: a flushed (or flushing) transaction and how many events it must hold. */
export interface PravegaCommittable {
  readonly txnId: string;
  /** The writer id the transaction's events were appended with (their event numbers count from 0). */
  readonly writerId: string;
  readonly events: number;
}

/** The writer's own state: transactions begun but not handed over at the checkpoint, aborted on restore. */
export interface PravegaWriterState {
  readonly txnId: string;
}
