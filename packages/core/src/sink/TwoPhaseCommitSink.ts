import type { CommitRequest, Committer } from './Committer.ts';
import type { SinkInitContext, SinkWriteContext } from './Sink.ts';
import type {
  CommittingSinkInitContext,
  CommittingSinkWriter,
  TwoPhaseCommittingSink,
} from './TwoPhaseCommittingSink.ts';

/**
 * The convenience base in the shape of Flink's `TwoPhaseCommitSinkFunction`, built on the committing-sink contract:
 * a transaction is the committable. Each subtask's writer holds one open transaction; on every barrier it is
 * pre-committed and handed over (the runtime keeps it under that checkpoint id until the checkpoint completes, then
 * calls `commit`), and a new one begins. The open transaction is the writer's state: after a restore it is aborted
 * (`recoverAndAbort`), and the restored checkpoint's pre-committed transactions are committed again
 * (`recoverAndCommit`).
 *
 * `beginTransaction`, `invoke` and `preCommit` run while a barrier waits, so they are synchronous; `commit`, `abort`
 * and the recovery hooks may return promises. A transaction must be plain data (it is stored in checkpoints).
 */
export abstract class TwoPhaseCommitSink<T, TXN> implements TwoPhaseCommittingSink<T, TXN, TXN> {
  declare readonly __elementType?: T;
  /** See `Sink.transactionTimeoutMs`; set it when the external system expires transactions. */
  transactionTimeoutMs?: number;

  /** Opens a transaction for the subtask described by `context`. */
  protected abstract beginTransaction(context: SinkInitContext): TXN;
  /** Writes one value into the open transaction. */
  protected abstract invoke(transaction: TXN, value: T, context: SinkWriteContext): void;
  /** Flushes the transaction: after this, its commit must eventually succeed. No more values go into it. */
  protected abstract preCommit(transaction: TXN): void;
  /** Makes a pre-committed transaction visible; must be idempotent (it may run again after a restore). */
  protected abstract commit(transaction: TXN): void | Promise<void>;
  /** Discards a transaction. */
  protected abstract abort(transaction: TXN): void | Promise<void>;

  /** Commits a pre-committed transaction that came back from a restored checkpoint. By default `commit`. */
  protected recoverAndCommit(transaction: TXN): void | Promise<void> {
    return this.commit(transaction);
  }

  /** Aborts the transaction that was open at the restored checkpoint. By default `abort`. */
  protected recoverAndAbort(transaction: TXN): void | Promise<void> {
    return this.abort(transaction);
  }

  async createWriter(context: CommittingSinkInitContext<TXN>): Promise<CommittingSinkWriter<T, TXN, TXN>> {
    for (const open of context.restoredWriterState) await this.recoverAndAbort(open);
    const hooks: TransactionHooks<T, TXN> = {
      begin: (c) => this.beginTransaction(c),
      invoke: (txn, value, c) => this.invoke(txn, value, c),
      preCommit: (txn) => this.preCommit(txn),
      abort: (txn) => this.abort(txn),
    };
    return new TransactionWriter(hooks, context, this.beginTransaction(context));
  }

  createCommitter(): Committer<TXN> {
    return {
      commit: async (requests: readonly CommitRequest<TXN>[]) => {
        for (const request of requests) {
          try {
            if (request.recovered) await this.recoverAndCommit(request.committable);
            else await this.commit(request.committable);
          } catch (error) {
            request.signalFailedWithUnknownReason(error);
          }
        }
      },
    };
  }
}

interface TransactionHooks<T, TXN> {
  begin(context: SinkInitContext): TXN;
  invoke(transaction: TXN, value: T, context: SinkWriteContext): void;
  preCommit(transaction: TXN): void;
  abort(transaction: TXN): void | Promise<void>;
}

/** One subtask's open transaction: pre-committed and replaced on every barrier. */
class TransactionWriter<T, TXN> implements CommittingSinkWriter<T, TXN, TXN> {
  private ended = false;

  constructor(
    private readonly hooks: TransactionHooks<T, TXN>,
    private readonly context: SinkInitContext,
    private current: TXN | undefined,
  ) {}

  write(element: T, context: SinkWriteContext): void {
    this.hooks.invoke(this.current as TXN, element, context);
  }

  flush(endOfInput: boolean): void {
    if (endOfInput) this.ended = true;
  }

  prepareCommit(): TXN[] {
    if (this.current === undefined) return [];
    const done = this.current;
    this.hooks.preCommit(done);
    // After the end of input no new transaction begins (Flink's `finished`).
    this.current = this.ended ? undefined : this.hooks.begin(this.context);
    return [done];
  }

  snapshotState(): TXN[] {
    return this.current === undefined ? [] : [this.current];
  }

  async close(): Promise<void> {
    const open = this.current;
    this.current = undefined;
    if (open !== undefined) await this.hooks.abort(open);
  }
}
