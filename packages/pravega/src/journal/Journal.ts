import * as fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { unpack } from 'msgpackr';
import { StoreError } from '../errors/index.ts';
import { checksumOf, encodeRecord, MAX_RECORD_BYTES, RECORD_PREFIX_BYTES } from './JournalFormat.ts';

/** When an appended record is made durable: `always` fdatasyncs before acknowledging (the default). */
export type FsyncPolicy = 'always' | 'never';

export interface ReplayedRecord {
  readonly header: unknown;
  /** File position of the record's data, and its length. */
  readonly dataPosition: number;
  readonly dataLength: number;
}

interface Pending {
  readonly buffers: Uint8Array[];
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

/**
 * The store's write-ahead log: one append-only file holding every operation (data appends, metadata, transaction
 * commits). Appends are group-committed: while one write+fdatasync is in flight, new records queue up and go out
 * together in the next one. Data is read back from the same file by position.
 */
export class Journal {
  private tail: number;
  private queue: Pending[] = [];
  private flushing = false;
  private failure: Error | undefined;
  private closed = false;
  private idle: (() => void)[] = [];
  /** Bytes/records written and number of syncs, for stats. */
  readonly stats = { syncs: 0, records: 0, bytes: 0 };

  private constructor(
    private readonly file: FileHandle,
    tail: number,
    private readonly fsync: FsyncPolicy,
  ) {
    this.tail = tail;
  }

  /** Open (or create) the journal in `dir`, replay every whole record to `onRecord`, cut a torn tail. */
  static async open(
    dir: string,
    fsync: FsyncPolicy,
    onRecord: (r: ReplayedRecord) => void,
  ): Promise<{ journal: Journal; truncatedBytes: number }> {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'journal.log');
    const handle = await fsp.open(file, fs.existsSync(file) ? 'r+' : 'w+');
    const size = (await handle.stat()).size;
    const end = await replay(handle, size, onRecord);
    if (end < size) {
      await handle.truncate(end);
      await handle.datasync();
    }
    return { journal: new Journal(handle, end, fsync), truncatedBytes: size - end };
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * Queue a record. Returns the file position its data will have (known at once, since appends are serial) and a
   * promise that resolves once the record is durable.
   */
  append(header: unknown, data?: Uint8Array): { dataPosition: number; durable: Promise<void> } {
    if (this.failure) throw new StoreError('STORE_FAILED', `journal failed earlier: ${this.failure.message}`);
    if (this.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    const rec = encodeRecord(header, data);
    if (rec.totalBytes > MAX_RECORD_BYTES) throw new StoreError('INVALID_ARGUMENT', 'journal record too large');
    const dataPosition = this.tail + rec.dataOffset;
    this.tail += rec.totalBytes;
    const buffers: Uint8Array[] = rec.data && rec.data.byteLength > 0 ? [rec.head, rec.data] : [rec.head];
    const durable = new Promise<void>((resolve, reject) => {
      this.queue.push({ buffers, resolve, reject });
    });
    if (!this.flushing) void this.flushLoop(this.tail - rec.totalBytes);
    return { dataPosition, durable };
  }

  private async flushLoop(position: number): Promise<void> {
    this.flushing = true;
    let at = position;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        const buffers = batch.flatMap((p) => p.buffers);
        let bytes = 0;
        for (const b of buffers) bytes += b.byteLength;
        await writeAll(this.file, buffers, at);
        if (this.fsync === 'always') await this.file.datasync();
        at += bytes;
        this.stats.syncs++;
        this.stats.records += batch.length;
        this.stats.bytes += bytes;
        for (const p of batch) p.resolve();
      }
    } catch (cause) {
      // A failed write or fsync leaves the file in an unknown state: stop accepting writes (like PostgreSQL).
      this.failure = cause as Error;
      const err = new StoreError('STORE_FAILED', `journal write failed: ${(cause as Error).message}`, { cause });
      for (const p of this.queue) p.reject(err);
      this.queue = [];
    } finally {
      this.flushing = false;
      for (const f of this.idle.splice(0)) f();
    }
  }

  /** Read `length` bytes at `position` (only ever asked for durable data). */
  async read(position: number, length: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.file.read(buf, got, length - got, position + got);
      if (bytesRead === 0) throw new StoreError('STORE_FAILED', `journal short read at ${position + got}`);
      got += bytesRead;
    }
    return buf;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushing) await new Promise<void>((r) => this.idle.push(r));
    await this.file.close();
  }
}

async function writeAll(file: FileHandle, buffers: Uint8Array[], position: number): Promise<void> {
  // writev has an iovec limit; write in slices of 512 buffers.
  let at = position;
  for (let i = 0; i < buffers.length; i += 512) {
    const slice = buffers.slice(i, i + 512);
    let want = 0;
    for (const b of slice) want += b.byteLength;
    const { bytesWritten } = await file.writev(slice, at);
    if (bytesWritten !== want) {
      // Rare partial write: finish with a single contiguous buffer.
      const rest = Buffer.concat(slice).subarray(bytesWritten);
      let done = 0;
      while (done < rest.length) {
        const r = await file.write(rest, done, rest.length - done, at + bytesWritten + done);
        done += r.bytesWritten;
      }
    }
    at += want;
  }
}

/** Replay whole records; returns the end of the last good one. */
async function replay(file: FileHandle, size: number, onRecord: (r: ReplayedRecord) => void): Promise<number> {
  const prefix = Buffer.allocUnsafe(RECORD_PREFIX_BYTES);
  let at = 0;
  while (at + RECORD_PREFIX_BYTES <= size) {
    await file.read(prefix, 0, RECORD_PREFIX_BYTES, at);
    const bodyLength = prefix.readUInt32BE(0);
    const crc = prefix.readUInt32BE(4);
    if (bodyLength < 4 || bodyLength > MAX_RECORD_BYTES || at + RECORD_PREFIX_BYTES + bodyLength > size) break;
    const body = Buffer.allocUnsafe(bodyLength);
    const { bytesRead } = await file.read(body, 0, bodyLength, at + RECORD_PREFIX_BYTES);
    if (bytesRead !== bodyLength || checksumOf(body) !== crc) break;
    const headerLength = body.readUInt32BE(0);
    if (4 + headerLength > bodyLength) break;
    let header: unknown;
    try {
      header = unpack(body.subarray(4, 4 + headerLength));
    } catch {
      break;
    }
    const dataPosition = at + RECORD_PREFIX_BYTES + 4 + headerLength;
    onRecord({ header, dataPosition, dataLength: bodyLength - 4 - headerLength });
    at += RECORD_PREFIX_BYTES + bodyLength;
  }
  return at;
}
