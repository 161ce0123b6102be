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

  constructor(begun: Promise<Transaction<T>>, onFailure: (error: unknown) => void) {
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

  private send(key: string | undefined, event: T): void {
    this.txn!.writeEvent(key, event).catch((error: unknown) => {
      this.failure ??= error;
    });
  }
}

/**
 * Exactly-once writer: one Pravega transaction per checkpoint period. On the barrier the open transaction is handed
 * over as the committable (its flush continues in the background; the committer waits for it) and the next one,
 * begun ahead of time, takes the following events.
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

  flush(endOfInput: boolean): void {
    if (endOfInput) this.ended = true;
  }

  prepareCommit(): PravegaCommittable[] {
    const slot = this.current;
    if (slot.failure !== undefined) throw slot.failure;
    if (slot.events === 0) return [];
    const txn = slot.txn;
    if (txn === undefined) throw new TransactionNotReadyError(this.sinkUid);
    liveTransactions.set(txn.txnId, { txn: txn as Transaction<unknown>, failure: () => slot.failure });
    // Start writing the handed-over events right away; the committer waits for this flush.
    txn.flush().catch(() => {});
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
