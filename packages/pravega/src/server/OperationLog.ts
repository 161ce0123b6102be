import type { JournalRecord } from './JournalRecord.ts';

/**
 * The journal as the request handlers see it (Pravega's OperationLog). `record` journals one operation, applies it
 * to memory at once (so the next request is validated against it) and resolves only once it is durable, which is
 * also when its bytes become readable. A handler answers after awaiting `record`: no reply before its fdatasync.
 */
export interface OperationLog {
  record(rec: JournalRecord, data?: Uint8Array): Promise<void>;
  /** Resolves once every record journaled so far is durable (for answers that rest on earlier, queued records). */
  readonly lastDurable: Promise<void>;
}
