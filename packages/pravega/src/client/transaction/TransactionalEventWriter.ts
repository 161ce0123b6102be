import type { Serializer } from '../../serializers/index.ts';
import type { Connection } from '../connection/index.ts';
import { type EventWriterConfig, segmentWriterOptions } from '../writer/index.ts';
import { Transaction, type TransactionStatus, type TxnInfo } from './Transaction.ts';

export interface TransactionalWriterConfig extends EventWriterConfig {
  /** Lease of a transaction; it aborts if not pinged for this long (default 120 s; Pravega's is up to 600 s). */
  readonly transactionTimeoutMs?: number;
}

/** Pravega's TransactionalEventStreamWriter: begins transactions and resumes them by id. */
export class TransactionalEventWriter<T> {
  private readonly open = new Set<Transaction<T>>();

  constructor(
    private readonly conn: Connection,
    readonly scope: string,
    readonly stream: string,
    private readonly serializer: Serializer<T>,
    private readonly config: TransactionalWriterConfig = {},
  ) {}

  async beginTxn(): Promise<Transaction<T>> {
    const info = await this.conn.call<TxnInfo>('beginTxn', {
      scope: this.scope,
      stream: this.stream,
      leaseMs: this.config.transactionTimeoutMs ?? 120_000,
    });
    const leaseMs = this.config.transactionTimeoutMs ?? 120_000;
    return this.track(
      new Transaction(this.conn, this.scope, this.stream, { ...info, leaseMs }, this.serializer, this.opts()),
    );
  }

  /**
   * Resume a transaction by id (e.g. from another process, to commit after a failover). Pinging resumes only if it
   * is still OPEN. An unknown id fails with TXN_NOT_FOUND ("transaction not found").
   */
  async getTxn(id: string): Promise<Transaction<T>> {
    const info = await this.conn.call<TxnInfo & { state: TransactionStatus; stream: string }>('getTxn', { id });
    const txn = new Transaction(this.conn, this.scope, this.stream, info, this.serializer, this.opts());
    if (info.state !== 'OPEN') txn.stopPinging();
    return this.track(txn);
  }

  private opts() {
    return segmentWriterOptions(this.config);
  }

  private track(t: Transaction<T>): Transaction<T> {
    this.open.add(t);
    return t;
  }

  /** Stops pinging; open transactions stay open (and lapse unless resumed elsewhere). */
  async close(): Promise<void> {
    for (const t of this.open) t.stopPinging();
    this.open.clear();
  }
}
