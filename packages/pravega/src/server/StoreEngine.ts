import type { FsyncPolicy, Journal } from '../journal/index.ts';
import { applyRecord } from './applyRecord.ts';
import { ControllerMetadata } from './ControllerMetadata.ts';
import { DirectoryLock } from './DirectoryLock.ts';
import { EventRateScaler } from './EventRateScaler.ts';
import type { JournalRecord } from './JournalRecord.ts';
import type { OperationLog } from './OperationLog.ts';
import { replayJournal } from './replayJournal.ts';
import { SegmentStore } from './SegmentStore.ts';
import { StreamMetadataTasks } from './StreamMetadataTasks.ts';
import { TransactionManager } from './TransactionManager.ts';
import { markDurable } from './touchedSegments.ts';

export interface StoreOptions {
  /** Directory holding the journal. */
  readonly dir: string;
  /** `always` (default): fdatasync before every acknowledgement, group-committed. */
  readonly fsync?: FsyncPolicy;
  /** How often the event-rate scaling policy looks at rates (default 10 s). */
  readonly scalingIntervalMs?: number;
  /** How often expired transaction leases are looked for (default 100 ms). */
  readonly leaseCheckIntervalMs?: number;
}

/**
 * The store's engine: it owns the journal, and every mutation goes through `record` (journal the record, apply it
 * to memory at once, await its fdatasync, then make its bytes readable). Requests are served by the parts Pravega
 * has: `streamTasks` (the controller's scopes and streams), `transactions` (the controller's transactions) and
 * `segmentStore` (appends and reads); StoreService routes each operation to one of them. They share `metadata`;
 * what a record does to it is in `applyRecord` alone, live and on replay alike. Restart = `replayJournal`.
 */
export class StoreEngine implements OperationLog {
  readonly streamTasks: StreamMetadataTasks;
  readonly transactions: TransactionManager;
  readonly segmentStore: SegmentStore;
  private durableTail: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private closed = false;

  private constructor(
    readonly metadata: ControllerMetadata,
    private readonly journal: Journal,
    /** Torn bytes cut off the journal at the last open (for tests and logs). */
    readonly truncatedBytes: number,
    private readonly lock: DirectoryLock,
  ) {
    this.streamTasks = new StreamMetadataTasks(metadata, this);
    this.transactions = new TransactionManager(metadata, this);
    this.segmentStore = new SegmentStore(metadata, this, journal);
  }

  static async open(options: StoreOptions): Promise<StoreEngine> {
    // One process at a time: two stores appending to one journal would overwrite each other's records.
    const lock = DirectoryLock.acquire(options.dir);
    const metadata = new ControllerMetadata();
    const replayed = await replayJournal(options.dir, options.fsync ?? 'always', metadata).catch((error: unknown) => {
      lock.release();
      throw error;
    });
    const engine = new StoreEngine(metadata, replayed.journal, replayed.truncatedBytes, lock);
    engine.transactions.restartLeases();
    engine.timers.push(
      setInterval(() => engine.transactions.expireLeases(), options.leaseCheckIntervalMs ?? 100).unref(),
    );
    const scaler = new EventRateScaler(options.scalingIntervalMs ?? 10_000, (s, sealed, ranges) =>
      engine.record({ op: 'stream.scale', scope: s.scope, stream: s.name, sealed, ranges }),
    );
    engine.timers.push(setInterval(() => scaler.tick(metadata.streams.values()), scaler.intervalMs).unref());
    return engine;
  }

  get journalStats(): { syncs: number; records: number; bytes: number } {
    return this.journal.stats;
  }

  /** The write path of every mutation; a caller answers its client only after this resolves. */
  async record(rec: JournalRecord, data?: Uint8Array): Promise<void> {
    const { dataPosition, durable } = this.journal.append(rec, data);
    const touched = applyRecord(this.metadata, rec, dataPosition, data?.byteLength ?? 0);
    this.durableTail = durable;
    await durable;
    markDurable(touched);
  }

  get lastDurable(): Promise<void> {
    return this.durableTail;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    try {
      await this.journal.close();
    } finally {
      this.lock.release();
    }
  }
}
