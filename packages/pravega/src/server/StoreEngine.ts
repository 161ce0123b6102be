import { randomUUID } from 'node:crypto';
import { StreamMetadata, type TxnMetadata } from '../controller/index.ts';
import {
  ConditionalCheckFailedError,
  InvalidArgumentError,
  ScopeNotFoundError,
  SegmentNotFoundError,
  SegmentSealedError,
  StoreError,
  StreamNotFoundError,
  StreamSealedError,
  TxnFailedError,
  TxnNotFoundError,
} from '../errors/index.ts';
import { type FsyncPolicy, Journal } from '../journal/index.ts';
import {
  bytesOfFirstEvents,
  countFramedEvents,
  EVENT_HEADER_BYTES,
  evenRanges,
  type KeyRange,
  MAX_EVENT_BYTES,
  ScalingPolicy,
  type StreamConfiguration,
  txnSegmentName,
} from '../model/index.ts';
import { Segment } from '../segmentstore/index.ts';
import { type Args, bytes, int, list, name, optCut, optInt, optStr, str } from '../wire/args.ts';
import { EventRateScaler } from './EventRateScaler.ts';
import type { JournalRecord } from './JournalRecord.ts';

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

/** [segment, length, sealed] as they were right after a record applied: what becomes readable when it is durable. */
type Touched = [Segment, number, boolean][];

const MAX_READ_BYTES = 1024 * 1024;

/**
 * The store itself: controller (scopes, streams, epochs, transactions) and segment store (appends, reads) over one
 * journal. Every mutation is validated, applied to memory, journaled, and answered once durable; only durable bytes
 * are readable. Restart = replay the journal through the same `apply`.
 */
export class StoreEngine {
  private readonly scopes = new Set<string>();
  private readonly streams = new Map<string, StreamMetadata>();
  private readonly txns = new Map<string, TxnMetadata>();
  private journal!: Journal;
  private lastDurable: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  /** Torn bytes cut off the journal at the last open (for tests and logs). */
  truncatedBytes = 0;

  private constructor() {}

  static async open(options: StoreOptions): Promise<StoreEngine> {
    const engine = new StoreEngine();
    const { journal, truncatedBytes } = await Journal.open(options.dir, options.fsync ?? 'always', (r) => {
      const touched = engine.apply(r.header as JournalRecord, r.dataPosition, r.dataLength);
      for (const [s, len, sealed] of touched) s.markDurable(len, sealed);
    });
    engine.journal = journal;
    engine.truncatedBytes = truncatedBytes;
    const now = Date.now();
    for (const t of engine.txns.values()) t.deadline = now + t.leaseMs;
    engine.timers.push(setInterval(() => engine.expireLeases(), options.leaseCheckIntervalMs ?? 100).unref());
    const scaler = new EventRateScaler(options.scalingIntervalMs ?? 10_000, (s, sealed, ranges) =>
      engine.record({ op: 'stream.scale', scope: s.scope, stream: s.name, sealed, ranges }),
    );
    engine.timers.push(setInterval(() => scaler.tick(engine.streams.values()), scaler.intervalMs).unref());
    return engine;
  }

  get journalStats(): { syncs: number; records: number; bytes: number } {
    return this.journal.stats;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.journal.close();
  }

  // ---- the journal ----------------------------------------------------------------------------------------------

  private async record(rec: JournalRecord, data?: Uint8Array): Promise<void> {
    const { dataPosition, durable } = this.journal.append(rec, data);
    const touched = this.apply(rec, dataPosition, data?.byteLength ?? 0);
    this.lastDurable = durable;
    await durable;
    for (const [s, len, sealed] of touched) s.markDurable(len, sealed);
  }

  private apply(rec: JournalRecord, dataPosition: number, dataLength: number): Touched {
    switch (rec.op) {
      case 'scope.create':
        this.scopes.add(rec.scope);
        return [];
      case 'scope.delete':
        this.scopes.delete(rec.scope);
        return [];
      case 'stream.create':
        this.streams.set(key(rec.scope, rec.stream), new StreamMetadata(rec.scope, rec.stream, rec.config, rec.ranges));
        return [];
      case 'stream.delete':
        this.streams.delete(key(rec.scope, rec.stream));
        return [];
      case 'stream.seal': {
        const s = this.streams.get(key(rec.scope, rec.stream))!;
        s.sealed = true;
        const segs = s.active.map((id) => s.segments.get(id)!);
        for (const seg of segs) seg.sealed = true;
        return segs.map((seg) => [seg, seg.length, true]);
      }
      case 'stream.scale': {
        const s = this.streams.get(key(rec.scope, rec.stream))!;
        s.applyScale(rec.sealed, rec.ranges);
        return rec.sealed.map((id) => {
          const seg = s.segments.get(id)!;
          return [seg, seg.length, true];
        });
      }
      case 'stream.truncate': {
        const s = this.streams.get(key(rec.scope, rec.stream))!;
        const cut = new Map(rec.cut);
        for (const id of s.ancestorsOf(cut.keys())) {
          const seg = s.segments.get(id)!;
          seg.startOffset = seg.length;
        }
        for (const [id, offset] of cut) {
          const seg = s.segments.get(id)!;
          seg.startOffset = Math.max(seg.startOffset, offset);
        }
        s.head = cut;
        return [];
      }
      case 'append': {
        const seg = this.segmentFor(rec.scope, rec.stream, rec.segment, rec.txn);
        seg.addExtent(dataPosition, dataLength);
        if (rec.writer !== undefined && rec.eventNumber !== undefined) seg.writers.set(rec.writer, rec.eventNumber);
        return [[seg, seg.length, false]];
      }
      case 'txn.create': {
        const s = this.streams.get(key(rec.scope, rec.stream))!;
        const shadows = new Map<number, Segment>();
        for (const id of s.active) {
          const parent = s.segments.get(id)!;
          shadows.set(id, new Segment(id, txnSegmentName(rec.scope, rec.stream, id, rec.id), parent.range));
        }
        this.txns.set(rec.id, {
          id: rec.id,
          scope: rec.scope,
          stream: rec.stream,
          epoch: s.epoch,
          shadows,
          state: 'OPEN',
          leaseMs: rec.leaseMs,
          deadline: Date.now() + rec.leaseMs,
        });
        return [];
      }
      case 'txn.commit':
        return this.applyCommit(this.txns.get(rec.id)!);
      case 'txn.abort': {
        const t = this.txns.get(rec.id)!;
        t.state = 'ABORTED';
        t.shadows.clear();
        return [];
      }
    }
  }

  /**
   * Merge every shadow segment at its parent's tail, all in this one record (so all or none survives a crash).
   * If a scale sealed the parents, roll the transaction forward as Pravega does: a new epoch duplicating the
   * transaction's ranges receives the merges and is sealed at once, then another epoch duplicates the ranges that
   * were active. Readers reach the transaction's events after everything before them, per key.
   */
  private applyCommit(t: TxnMetadata): Touched {
    const s = this.streams.get(key(t.scope, t.stream))!;
    const touched: Touched = [];
    const parentsActive = [...t.shadows.keys()].every((id) => !s.segments.get(id)!.sealed);
    if (parentsActive) {
      for (const [id, shadow] of t.shadows) {
        const parent = s.segments.get(id)!;
        for (const e of shadow.extents) parent.addExtent(e.filePosition, e.length);
        touched.push([parent, parent.length, false]);
      }
    } else {
      const wasActive = s.activeWithRanges();
      const shadows = [...t.shadows.values()];
      const dups = s.applyScale(
        wasActive.map((a) => a.id),
        shadows.map((sh) => sh.range),
      );
      for (const a of wasActive) touched.push([s.segments.get(a.id)!, s.segments.get(a.id)!.length, true]);
      for (const dup of dups) {
        const shadow = shadows.find((sh) => sh.range.low === dup.range.low)!;
        for (const e of shadow.extents) dup.addExtent(e.filePosition, e.length);
      }
      s.applyScale(
        dups.map((d) => d.id),
        wasActive,
      );
      for (const dup of dups) touched.push([dup, dup.length, true]);
    }
    t.state = 'COMMITTED';
    t.shadows.clear();
    return touched;
  }

  // ---- lookups ---------------------------------------------------------------------------------------------------

  private stream(scope: string, stream: string): StreamMetadata {
    const s = this.streams.get(key(scope, stream));
    if (!s) {
      if (!this.scopes.has(scope)) throw new ScopeNotFoundError(scope);
      throw new StreamNotFoundError(scope, stream);
    }
    return s;
  }

  private segmentFor(scope: string, stream: string, segment: number, txn?: string): Segment {
    if (txn !== undefined) {
      const t = this.txn(txn);
      if (t.state !== 'OPEN') throw new TxnFailedError(txn, `is ${t.state}, not OPEN`);
      const shadow = t.shadows.get(segment);
      if (!shadow) throw new SegmentNotFoundError(`${scope}/${stream}/${segment}#transaction.${txn}`);
      return shadow;
    }
    const seg = this.stream(scope, stream).segments.get(segment);
    if (!seg) throw new SegmentNotFoundError(`${scope}/${stream}/${segment}`);
    return seg;
  }

  private txn(id: string): TxnMetadata {
    const t = this.txns.get(id);
    if (!t) throw new TxnNotFoundError(id);
    return t;
  }

  // ---- scopes and streams ----------------------------------------------------------------------------------------

  async createScope(a: Args): Promise<{ created: boolean }> {
    const scope = name(a, 'scope');
    if (this.scopes.has(scope)) return { created: false };
    await this.record({ op: 'scope.create', scope });
    return { created: true };
  }

  async deleteScope(a: Args): Promise<{ deleted: boolean }> {
    const scope = name(a, 'scope');
    if (!this.scopes.has(scope)) return { deleted: false };
    for (const s of this.streams.values()) {
      if (s.scope === scope) throw new StoreError('NOT_EMPTY', `scope '${scope}' still has stream '${s.name}'`);
    }
    await this.record({ op: 'scope.delete', scope });
    return { deleted: true };
  }

  async listScopes(): Promise<string[]> {
    return [...this.scopes];
  }

  async listStreams(a: Args): Promise<string[]> {
    const scope = name(a, 'scope');
    if (!this.scopes.has(scope)) throw new ScopeNotFoundError(scope);
    return [...this.streams.values()].filter((s) => s.scope === scope).map((s) => s.name);
  }

  async createStream(a: Args): Promise<{ created: boolean }> {
    const scope = name(a, 'scope');
    const stream = name(a, 'stream');
    const config = parseConfig(a.config, `${scope}/${stream}`);
    if (!this.scopes.has(scope)) throw new ScopeNotFoundError(scope);
    if (this.streams.has(key(scope, stream))) return { created: false };
    const ranges = evenRanges(config.scalingPolicy.minNumSegments);
    await this.record({ op: 'stream.create', scope, stream, config, ranges });
    return { created: true };
  }

  async sealStream(a: Args): Promise<void> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    if (s.sealed) return;
    await this.record({ op: 'stream.seal', scope: s.scope, stream: s.name });
  }

  async deleteStream(a: Args): Promise<{ deleted: boolean }> {
    const scope = name(a, 'scope');
    const stream = name(a, 'stream');
    const s = this.streams.get(key(scope, stream));
    if (!s) return { deleted: false };
    if (!s.sealed) throw new InvalidArgumentError(`stream '${scope}/${stream}' must be sealed before it is deleted`);
    await this.record({ op: 'stream.delete', scope, stream });
    return { deleted: true };
  }

  async scaleStream(a: Args): Promise<{ epoch: number; segments: { id: number; low: number; high: number }[] }> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    if (s.sealed) throw new StreamSealedError(s.scope, s.name);
    const sealed = list(a, 'sealed').map((x) => {
      if (typeof x !== 'number') throw new InvalidArgumentError('sealed segment ids must be numbers');
      return x;
    });
    const ranges = list(a, 'ranges').map(parseRange);
    s.validateScale(sealed, ranges);
    await this.record({ op: 'stream.scale', scope: s.scope, stream: s.name, sealed, ranges });
    return { epoch: s.epoch, segments: s.activeWithRanges() };
  }

  async truncateStream(a: Args): Promise<void> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    const cut = optCut(a, 'cut');
    if (!cut) throw new InvalidArgumentError('truncateStream needs a stream cut');
    for (const [id, off] of cut) {
      const seg = s.segments.get(id);
      if (!seg) throw new SegmentNotFoundError(`${s.scope}/${s.name}/${id}`);
      if (off > seg.durableLength) throw new InvalidArgumentError(`cut offset ${off} is past the end of segment ${id}`);
    }
    await this.record({ op: 'stream.truncate', scope: s.scope, stream: s.name, cut: [...cut] });
  }

  async getStreamInfo(a: Args): Promise<unknown> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    const tail = s.active.map((id) => [id, s.segments.get(id)!.durableLength]);
    return {
      scope: s.scope,
      stream: s.name,
      config: s.config,
      sealed: s.sealed,
      epoch: s.epoch,
      activeSegments: s.activeWithRanges(),
      head: [...s.head],
      tail,
    };
  }

  async getCurrentSegments(a: Args): Promise<{ epoch: number; sealed: boolean; segments: unknown[] }> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    return { epoch: s.epoch, sealed: s.sealed, segments: s.sealed ? [] : s.activeWithRanges() };
  }

  async getSuccessors(a: Args): Promise<{ id: number; low: number; high: number; predecessors: number[] }[]> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    const seg = s.segments.get(int(a, 'segment'));
    if (!seg) throw new SegmentNotFoundError(`${s.scope}/${s.name}/${a.segment}`);
    return seg.successors.map((id) => {
      const n = s.segments.get(id)!;
      return { id, low: n.range.low, high: n.range.high, predecessors: [...n.predecessors] };
    });
  }

  async getSegmentInfo(a: Args): Promise<{ length: number; startOffset: number; sealed: boolean }> {
    const seg = this.segmentFor(name(a, 'scope'), name(a, 'stream'), int(a, 'segment'));
    return { length: seg.durableLength, startOffset: seg.startOffset, sealed: seg.sealedDurable };
  }

  async getSegmentsBetween(a: Args): Promise<{ segment: number; startOffset: number; endOffset: number }[]> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    return s.segmentsBetween(optCut(a, 'from'), optCut(a, 'to'));
  }

  // ---- appends and reads -----------------------------------------------------------------------------------------

  async append(a: Args): Promise<{ offset: number; duplicate?: boolean }> {
    const scope = name(a, 'scope');
    const stream = name(a, 'stream');
    const segment = int(a, 'segment');
    const txn = optStr(a, 'txn');
    const writer = optStr(a, 'writer');
    const eventNumber = optInt(a, 'eventNumber');
    const expectedOffset = optInt(a, 'expectedOffset');
    let data = bytes(a, 'data');
    const seg = this.segmentFor(scope, stream, segment, txn);
    if (seg.sealed) {
      if (txn === undefined && this.stream(scope, stream).sealed) throw new StreamSealedError(scope, stream);
      throw new SegmentSealedError(seg.name);
    }
    const count = countFramedEvents(data);
    if (count < 0) throw malformedBlock(data, seg.name);
    if (expectedOffset !== undefined && expectedOffset !== seg.length) {
      throw new ConditionalCheckFailedError(seg.name, expectedOffset, seg.length);
    }
    if (writer !== undefined && eventNumber !== undefined) {
      const last = seg.writers.get(writer) ?? -1;
      if (eventNumber <= last) {
        await this.lastDurable;
        return { offset: seg.durableLength, duplicate: true };
      }
      const first = eventNumber - count + 1;
      if (first <= last) data = data.subarray(bytesOfFirstEvents(data, last - first + 1));
    }
    seg.eventsSinceSample += count;
    await this.record({ op: 'append', scope, stream, segment, txn, writer, eventNumber }, data);
    return { offset: seg.durableLength };
  }

  /** The last event number stored for `writer` in a segment (what a reconnecting writer resumes after). */
  async getWriterState(a: Args): Promise<{ lastEventNumber: number }> {
    const seg = this.segmentFor(name(a, 'scope'), name(a, 'stream'), int(a, 'segment'), optStr(a, 'txn'));
    await this.lastDurable;
    return { lastEventNumber: seg.writers.get(str(a, 'writer')) ?? -1 };
  }

  async read(a: Args): Promise<{
    data: Uint8Array;
    offset: number;
    endOfSegment: boolean;
    atTail: boolean;
    truncatedTo?: number;
  }> {
    const seg = this.segmentFor(name(a, 'scope'), name(a, 'stream'), int(a, 'segment'));
    const offset = int(a, 'offset');
    const maxBytes = Math.min(optInt(a, 'maxBytes') ?? MAX_READ_BYTES, MAX_READ_BYTES);
    const waitMs = Math.min(optInt(a, 'waitMs') ?? 0, 60_000);
    if (offset < seg.startOffset) {
      return { data: new Uint8Array(0), offset, endOfSegment: false, atTail: false, truncatedTo: seg.startOffset };
    }
    if (offset > seg.durableLength) {
      throw new InvalidArgumentError(`offset ${offset} is past the end (${seg.durableLength}) of '${seg.name}'`);
    }
    if (offset === seg.durableLength && !seg.sealedDurable && waitMs > 0) await seg.waitForData(waitMs);
    if (offset === seg.durableLength) {
      return { data: new Uint8Array(0), offset, endOfSegment: seg.sealedDurable, atTail: true };
    }
    const data = await this.readEvents(seg, offset, maxBytes);
    const end = offset + data.byteLength;
    return {
      data,
      offset,
      endOfSegment: seg.sealedDurable && end === seg.durableLength,
      atTail: end === seg.durableLength,
    };
  }

  /** Whole events from `offset`, about `maxBytes` (at least one event, however large). */
  private async readEvents(seg: Segment, offset: number, maxBytes: number): Promise<Buffer> {
    const to = Math.min(seg.durableLength, offset + Math.max(maxBytes, EVENT_HEADER_BYTES));
    let buf = await this.readRange(seg, offset, to);
    let at = 0;
    while (at + EVENT_HEADER_BYTES <= buf.length) {
      const len = buf.readInt32BE(at + 4);
      if (len < 0 || len > MAX_EVENT_BYTES)
        throw new StoreError('STORE_FAILED', `corrupt event header in '${seg.name}'`);
      if (at + EVENT_HEADER_BYTES + len > buf.length) break;
      at += EVENT_HEADER_BYTES + len;
    }
    if (at === 0) {
      // The first event is larger than maxBytes: read exactly it.
      const len = buf.readInt32BE(4);
      buf = await this.readRange(seg, offset, offset + EVENT_HEADER_BYTES + len);
      return buf;
    }
    return buf.subarray(0, at);
  }

  private async readRange(seg: Segment, from: number, to: number): Promise<Buffer> {
    const parts = await Promise.all(seg.slices(from, to).map((s) => this.journal.read(s.filePosition, s.length)));
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  // ---- transactions ----------------------------------------------------------------------------------------------

  async beginTxn(a: Args): Promise<{ id: string; epoch: number; segments: unknown[] }> {
    const s = this.stream(name(a, 'scope'), name(a, 'stream'));
    if (s.sealed) throw new StreamSealedError(s.scope, s.name);
    const leaseMs = Math.max(optInt(a, 'leaseMs') ?? 120_000, 50);
    const id = randomUUID().replaceAll('-', '');
    const segments = s.activeWithRanges();
    const epoch = s.epoch;
    await this.record({ op: 'txn.create', id, scope: s.scope, stream: s.name, leaseMs });
    return { id, epoch, segments };
  }

  async getTxn(a: Args): Promise<unknown> {
    const t = this.txn(str(a, 'id'));
    const s = this.stream(t.scope, t.stream);
    const segments = [...t.shadows.keys()].map((id) => {
      const seg = s.segments.get(id)!;
      return { id, low: seg.range.low, high: seg.range.high };
    });
    return { id: t.id, scope: t.scope, stream: t.stream, epoch: t.epoch, state: t.state, leaseMs: t.leaseMs, segments };
  }

  async pingTxn(a: Args): Promise<{ state: string }> {
    const t = this.txn(str(a, 'id'));
    if (t.state === 'OPEN') t.deadline = Date.now() + (optInt(a, 'leaseMs') ?? t.leaseMs);
    return { state: t.state };
  }

  async txnStatus(a: Args): Promise<{ state: string }> {
    return { state: this.txn(str(a, 'id')).state };
  }

  async commitTxn(a: Args): Promise<{ state: string }> {
    const t = this.txn(str(a, 'id'));
    if (t.state === 'COMMITTED') return { state: t.state };
    if (t.state === 'COMMITTING') {
      await this.lastDurable;
      return { state: t.state };
    }
    if (t.state !== 'OPEN') throw new TxnFailedError(t.id, `cannot commit, it is ${t.state}`);
    const s = this.stream(t.scope, t.stream);
    if (s.sealed) throw new TxnFailedError(t.id, `cannot commit, stream '${s.scope}/${s.name}' is sealed`);
    // Appends to the shadows are journaled before this record, so the merge sees all of them.
    t.state = 'COMMITTING';
    await this.record({ op: 'txn.commit', id: t.id });
    return { state: t.state };
  }

  async abortTxn(a: Args): Promise<{ state: string }> {
    const t = this.txn(str(a, 'id'));
    if (t.state === 'ABORTED' || t.state === 'ABORTING') return { state: t.state };
    if (t.state !== 'OPEN') throw new TxnFailedError(t.id, `cannot abort, it is ${t.state}`);
    t.state = 'ABORTING';
    await this.record({ op: 'txn.abort', id: t.id });
    return { state: t.state };
  }

  private expireLeases(): void {
    const now = Date.now();
    for (const t of this.txns.values()) {
      if (t.state === 'OPEN' && t.deadline < now) {
        t.state = 'ABORTING';
        this.record({ op: 'txn.abort', id: t.id }).catch(() => {});
      }
    }
  }
}

function key(scope: string, stream: string): string {
  return `${scope}/${stream}`;
}

function parseRange(r: unknown): KeyRange {
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof (r as KeyRange).low !== 'number' ||
    typeof (r as KeyRange).high !== 'number' ||
    !((r as KeyRange).low >= 0 && (r as KeyRange).high <= 1 && (r as KeyRange).low < (r as KeyRange).high)
  ) {
    throw new InvalidArgumentError('a key range must be {low, high} with 0 <= low < high <= 1');
  }
  return { low: (r as KeyRange).low, high: (r as KeyRange).high };
}

function parseConfig(c: unknown, what: string): StreamConfiguration {
  const p = (c as { scalingPolicy?: Record<string, unknown> } | undefined)?.scalingPolicy;
  if (p === undefined) return { scalingPolicy: ScalingPolicy.fixed(1) };
  const n = p.minNumSegments;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1024) {
    throw new InvalidArgumentError(`stream ${what}: minNumSegments must be an integer in [1, 1024]`);
  }
  if (p.type === 'FIXED') return { scalingPolicy: ScalingPolicy.fixed(n) };
  if (p.type === 'BY_EVENT_RATE') {
    const { targetRate, scaleFactor } = p;
    if (typeof targetRate !== 'number' || !(targetRate > 0)) {
      throw new InvalidArgumentError(`stream ${what}: targetRate must be > 0`);
    }
    if (typeof scaleFactor !== 'number' || !Number.isInteger(scaleFactor) || scaleFactor < 2) {
      throw new InvalidArgumentError(`stream ${what}: scaleFactor must be an integer >= 2`);
    }
    return { scalingPolicy: ScalingPolicy.byEventRate(targetRate, scaleFactor, n) };
  }
  throw new InvalidArgumentError(`stream ${what}: unknown scaling policy type '${String(p.type)}'`);
}

function malformedBlock(data: Uint8Array, segment: string): StoreError {
  if (data.byteLength >= EVENT_HEADER_BYTES) {
    const len = new DataView(data.buffer, data.byteOffset).getInt32(4);
    if (len > MAX_EVENT_BYTES) {
      return new StoreError('EVENT_TOO_LARGE', `event of ${len} bytes for '${segment}' exceeds ${MAX_EVENT_BYTES}`);
    }
  }
  return new InvalidArgumentError(`append to '${segment}': data is not whole framed events`);
}
