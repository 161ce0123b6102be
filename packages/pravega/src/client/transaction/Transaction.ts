import { EventTooLargeError, TxnFailedError } from '../../errors/index.ts';
import { hashRoutingKey, MAX_EVENT_BYTES, type SegmentWithRange } from '../../model/index.ts';
import type { Serializer } from '../../serializers/index.ts';
import type { Connection } from '../connection/index.ts';
import { AckGroup, RoutingTable, SegmentWriter, type SegmentWriterOptions } from '../writer/index.ts';

export type TransactionStatus = 'OPEN' | 'COMMITTING' | 'COMMITTED' | 'ABORTING' | 'ABORTED';

export interface TxnInfo {
  readonly id: string;
  readonly epoch: number;
  readonly leaseMs: number;
  readonly segments: SegmentWithRange[];
}

/**
 * One transaction: events go to its shadow segments (one per segment of the epoch it began in) with ordinary
 * idempotent appends; `commit` merges them all into the stream at once. A pinger renews the lease while this
 * object is open; if nobody pings, the store aborts the transaction when the lease lapses.
 */
export class Transaction<T> {
  private readonly table: RoutingTable;
  private readonly writers = new Map<number, SegmentWriter>();
  private readonly outstanding = new Set<AckGroup>();
  private group: AckGroup | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private readonly keyPoint: number;

  constructor(
    private readonly conn: Connection,
    readonly scope: string,
    readonly stream: string,
    private readonly info: TxnInfo,
    private readonly serializer: Serializer<T>,
    private readonly options: SegmentWriterOptions,
  ) {
    this.table = new RoutingTable(info.segments);
    // Pravega derives the key of keyless transactional events from the txn id, so they sit together.
    this.keyPoint = hashRoutingKey(info.id);
    const every = Math.max(10, Math.floor(info.leaseMs / 3));
    this.pinger = setInterval(() => {
      this.conn.call<{ state: string }>('pingTxn', { id: info.id }).then(
        (r) => r.state !== 'OPEN' && this.stopPinging(),
        () => {},
      );
    }, every).unref();
  }

  get txnId(): string {
    return this.info.id;
  }

  /** Queue an event in the transaction; the promise resolves when it is durable in the shadow segment. */
  writeEvent(routingKey: string | undefined, event: T): Promise<void> {
    const payload = this.serializer.serialize(event);
    if (payload.byteLength > MAX_EVENT_BYTES) {
      return Promise.reject(new EventTooLargeError(payload.byteLength, MAX_EVENT_BYTES));
    }
    const point = routingKey === undefined ? this.keyPoint : hashRoutingKey(routingKey);
    const id = this.table.segmentFor(point);
    let w = this.writers.get(id);
    if (!w) {
      w = new SegmentWriter(
        this.conn,
        { scope: this.scope, stream: this.stream, segment: id, txn: this.info.id },
        this.options,
        (_sw, events) => {
          for (const [, , g] of events) g.fail(new TxnFailedError(this.info.id, 'a shadow segment was sealed'));
        },
      );
      this.writers.set(id, w);
    }
    let g = this.group;
    if (!g) {
      g = new AckGroup();
      this.group = g;
      const done = g;
      this.outstanding.add(done);
      done.promise.then(
        () => this.outstanding.delete(done),
        () => this.outstanding.delete(done),
      );
      queueMicrotask(() => {
        if (this.group === done) this.group = undefined;
      });
    }
    g.remaining++;
    w.add(point, payload, g);
    return g.promise;
  }

  /** Every event written so far is durable (do this before handing the id to another process). */
  async flush(): Promise<void> {
    while (this.outstanding.size > 0) await Promise.all([...this.outstanding].map((g) => g.promise));
  }

  /** Flush, then merge every event into the stream, atomically. Idempotent: committing a committed txn is fine. */
  async commit(): Promise<void> {
    await this.flush();
    await this.conn.call('commitTxn', { id: this.info.id });
    this.stopPinging();
  }

  async abort(): Promise<void> {
    this.stopPinging();
    await this.conn.call('abortTxn', { id: this.info.id });
  }

  async checkStatus(): Promise<TransactionStatus> {
    const r = await this.conn.call<{ state: TransactionStatus }>('txnStatus', { id: this.info.id });
    return r.state;
  }

  /** Stop renewing the lease (the txn stays open until it is committed, aborted or its lease lapses). */
  stopPinging(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = undefined;
  }
}
