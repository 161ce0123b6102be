import type { CommittingSinkWriter, SinkWriteContext } from '@dhara/core';
import type { Transaction, TransactionalEventWriter } from '@dhara/pravega';
import { TransactionNotReadyError } from '../errors/index.ts';
import { liveTransactions } from './liveTransactions.ts';
import type { PravegaCommittable, PravegaWriterState } from './PravegaCommittable.ts';

/** The events of one checkpoint period: one transaction, begun asynchronously; events wait until it is. */
class Slot<T> {
  txn: Transaction<T> | undefined;
  events = 0;
  failure: unknown;
  private buffered: [string | undefined, T][] = [];

  constructor(
    private readonly begun: Promise<Transaction<T>>,
    onFailure: (error: unknown) => void,
  ) {
    begun.then(
      (txn) => {
        this.txn = txn;
        const buffered = this.buffered;
        this.buffered = [];
        for (const [key, event] of buffered) this.send(key, event);
      },
      (error: unknown) => {
        this.failure ??= error;
        onFailure(error);
      },
    );
  }

  write(key: string | undefined, event: T): void {
    this.events++;
    if (this.txn === undefined) this.buffered.push([key, event]);
    else this.send(key, event);
  }

  /** Resolves when every event written so far is durable in the transaction; rejects with the first failure. */
  async durable(): Promise<void> {
    // The buffered events go out in the `then` registered by the constructor, which runs before this continuation.
    const txn = this.txn ?? (await this.begun);
    await txn.flush();
    if (this.failure !== undefined) throw this.failure;
  }

  private send(key: string | undefined, event: T): void {
    this.txn!.writeEvent(key, event).catch((error: unknown) => {
      this.failure ??= error;
    });
  }
}

/**
 * Exactly-once writer: one Pravega transaction per checkpoint period. On the barrier `flush` starts making the open
 * transaction's events durable (the runtime acknowledges the checkpoint only when that resolves; the barrier does
 * not wait), the transaction is handed over as the committable, and the next one, begun ahead of time, takes the
 * following events.
 */
export class TransactionalSinkWriter<T> implements CommittingSinkWriter<T, PravegaCommittable, PravegaWriterState> {
  private current: Slot<T>;
  private spare: Slot<T> | undefined;
  private ended = false;
  private failure: unknown;

  constructor(
    private readonly writer: TransactionalEventWriter<T>,
    private readonly writerId: string,
    private readonly sinkUid: string,
    private readonly routingKeyOf: (event: T) => string | undefined,
    first: Promise<Transaction<T>>,
  ) {
    this.current = this.slot(first);
    this.spare = this.slot(writer.beginTxn());
  }

  private slot(begun: Promise<Transaction<T>>): Slot<T> {
    return new Slot(begun, (error) => {
      this.failure ??= error;
    });
  }

  write(element: T, _context: SinkWriteContext): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.current.failure !== undefined) throw this.current.failure;
    this.current.write(this.routingKeyOf(element), element);
  }

  flush(endOfInput: boolean): Promise<void> | undefined {
    if (endOfInput) this.ended = true;
    return this.current.events === 0 ? undefined : this.current.durable();
  }

  prepareCommit(): PravegaCommittable[] {
    const slot = this.current;
    if (slot.failure !== undefined) throw slot.failure;
    if (slot.events === 0) return [];
    const txn = slot.txn;
    if (txn === undefined) throw new TransactionNotReadyError(this.sinkUid);
    liveTransactions.set(txn.txnId, { txn: txn as Transaction<unknown>, failure: () => slot.failure });
    // The committer of this thread still waits for the flush and checks the slot's failure before it commits.
    if (this.ended) {
      this.current = this.spare ?? this.slot(this.writer.beginTxn());
      this.spare = undefined;
    } else {
      this.current = this.spare ?? this.slot(this.writer.beginTxn());
      this.spare = this.slot(this.writer.beginTxn());
    }
    return [{ txnId: txn.txnId, writerId: this.writerId, events: slot.events }];
  }

  snapshotState(): PravegaWriterState[] {
    return [this.current, this.spare].flatMap((s) => (s?.txn ? [{ txnId: s.txn.txnId }] : []));
  }

  /** Aborts what was not handed over (the open and the spare transaction). */
  async close(): Promise<void> {
    for (const slot of [this.current, this.spare]) {
      if (slot?.txn === undefined) continue;
      if (liveTransactions.has(slot.txn.txnId)) continue;
      await slot.txn.abort().catch(() => {});
    }
    await this.writer.close();
  }
}
