import { ReinitializationRequiredError, StoreError, TruncatedDataError } from '../../errors/index.ts';
import { Position } from '../../model/index.ts';
import {
  type GroupUpdate,
  parseSegmentKey,
  type ReaderGroupState,
  type SegmentKey,
  type StateSynchronizer,
  segmentKey,
} from '../../readergroup/index.ts';
import type { Serializer } from '../../serializers/index.ts';
import type { Connection } from '../connection/index.ts';
import type { EventRead } from './EventRead.ts';
import { ReaderSegment } from './ReaderSegment.ts';

export interface ReaderConfig {
  /** How often the reader looks at the group state (checkpoints, rebalancing); default 100 ms. */
  readonly groupRefreshTimeMs?: number;
  /** Bytes fetched per read of a segment (default 1 MiB). */
  readonly readBufferBytes?: number;
}

interface ReadAnswer {
  data: Uint8Array;
  endOfSegment: boolean;
  atTail: boolean;
  truncatedTo?: number;
}

/**
 * Pravega's EventStreamReader, one member of a reader group. It owns some of the group's segments (one reader per
 * segment, balanced by fair share), reads successors only once every predecessor is completed, returns one
 * checkpoint marker per checkpoint and records its position on the following read.
 */
export class EventStreamReader<T> {
  private readonly owned = new Map<SegmentKey, ReaderSegment>();
  private atCheckpoint: string | undefined;
  private lastRefresh = 0;
  private rr = 0;
  private closed = false;
  private readError: Error | undefined;
  private readonly refreshMs: number;
  private readonly readBytes: number;
  /**
   * Hand segments over (complete a finished one that has successors, release one) only right after recording a
   * checkpoint position, as Pravega does; see `handOverAtCheckpoints`.
   */
  private atCheckpointsOnly = false;
  /** A checkpoint position was recorded since the last hand-over chance. */
  private checkpointed = false;
  /** Successors of finished segments still held (asked for once). */
  private readonly heldSuccessors = new Map<SegmentKey, { key: SegmentKey; predecessors: SegmentKey[] }[]>();

  constructor(
    private readonly conn: Connection,
    readonly readerId: string,
    readonly group: string,
    private readonly sync: StateSynchronizer<ReaderGroupState, GroupUpdate>,
    readonly generation: number,
    private readonly serializer: Serializer<T>,
    config: ReaderConfig = {},
  ) {
    this.refreshMs = config.groupRefreshTimeMs ?? 100;
    this.readBytes = config.readBufferBytes ?? 1024 * 1024;
  }

  private get state(): ReaderGroupState {
    return this.sync.state;
  }

  /**
   * From now on, complete finished segments that have successors and release segments only right after this reader
   * recorded a checkpoint position (as Pravega releases and completes at checkpoints). An application that emits
   * events downstream asynchronously and places a barrier at each checkpoint marker (the engine's externally
   * induced source) then keeps per-key order across readers: the predecessor's last events are before the
   * checkpoint's barrier in one reader's output, the successor's first events after it in another's, and aligned
   * barriers keep them in that order downstream. Without checkpoints, segments would never be handed over: call
   * it once checkpoints are known to come (e.g. at the first marker).
   */
  handOverAtCheckpoints(): void {
    this.atCheckpointsOnly = true;
  }

  /** The next event, a checkpoint marker, or an empty read after `timeoutMs`. */
  async readNextEvent(timeoutMs: number): Promise<EventRead<T>> {
    if (this.closed) throw new StoreError('INVALID_ARGUMENT', `reader '${this.readerId}' is closed`);
    // Fast path: buffered data and nothing to look at in the group state yet.
    if (!this.atCheckpoint && Date.now() - this.lastRefresh < this.refreshMs) {
      const ev = this.nextBuffered();
      if (ev) return ev;
    }
    const deadline = Date.now() + timeoutMs;
    if (this.atCheckpoint) {
      await this.recordCheckpoint(this.atCheckpoint);
      this.atCheckpoint = undefined;
      this.checkpointed = true;
    }
    for (;;) {
      await this.refresh();
      const cp = this.state.pendingCheckpointFor(this.readerId);
      if (cp && !cp.silent) {
        this.atCheckpoint = cp.name;
        return this.marker(cp.name);
      }
      if (cp) {
        await this.recordCheckpoint(cp.name);
        continue;
      }
      await this.rebalance();
      const ev = this.nextBuffered();
      if (ev) return ev;
      if (this.owned.size === 0 && this.state.allCompleted) return this.empty(true);
      const remaining = deadline - Date.now();
      if (remaining <= 0) return this.empty(false);
      await this.fetch(Math.min(remaining, this.refreshMs * 5));
    }
  }

  private async refresh(): Promise<void> {
    await this.sync.fetchUpdates();
    this.lastRefresh = Date.now();
    const s = this.state;
    if (s.generation !== this.generation) {
      throw new ReinitializationRequiredError(this.group, this.readerId, this.generation, s.generation);
    }
    if (!s.readers.has(this.readerId)) {
      throw new StoreError('READER_NOT_IN_GROUP', `reader '${this.readerId}' is no longer in group '${this.group}'`);
    }
  }

  private positions(): [SegmentKey, number][] {
    return [...this.owned.values()].map((s) => [s.key, s.offset]);
  }

  get position(): Position {
    return new Position(
      [...this.owned.values()].map((s) => ({ scope: s.scope, stream: s.stream, segment: s.id, offset: s.offset })),
    );
  }

  private async recordCheckpoint(name: string): Promise<void> {
    const positions = this.positions();
    await this.sync.updateState((s) =>
      s.checkpoints.find((c) => c.name === name)?.pending.has(this.readerId)
        ? [{ t: 'checkpointReader', name, reader: this.readerId, positions }]
        : undefined,
    );
  }

  /** Complete finished segments, give one away if over the fair share, take unassigned ones if under. */
  private async rebalance(): Promise<void> {
    const mayHandOver = !this.atCheckpointsOnly || this.checkpointed;
    this.checkpointed = false;
    for (const seg of [...this.owned.values()]) {
      if (!seg.finished) continue;
      const successors = seg.atEndBound ? [] : (this.heldSuccessors.get(seg.key) ?? (await this.successorsOf(seg)));
      if (successors.length > 0 && !mayHandOver) {
        this.heldSuccessors.set(seg.key, successors);
        continue;
      }
      const done = await this.sync.updateState((s) =>
        s.pendingCheckpointFor(this.readerId) || !s.readers.get(this.readerId)?.has(seg.key)
          ? undefined
          : [{ t: 'complete', reader: this.readerId, key: seg.key, endOffset: seg.offset, successors }],
      );
      if (done) this.drop(seg);
    }
    const s = this.state;
    if (s.pendingCheckpointFor(this.readerId)) return;
    if (this.owned.size > s.fairShare() && this.owned.size > 1 && mayHandOver) {
      const seg = [...this.owned.values()].at(-1)!;
      const ok = await this.sync.updateState((st) =>
        st.pendingCheckpointFor(this.readerId) || this.owned.size <= st.fairShare()
          ? undefined
          : [{ t: 'release', reader: this.readerId, key: seg.key, offset: seg.offset }],
      );
      if (ok) this.drop(seg);
      return;
    }
    if (this.owned.size < s.fairShare() && s.unassigned.size > 0) {
      let taken: SegmentKey[] = [];
      await this.sync.updateState((st) => {
        if (st.pendingCheckpointFor(this.readerId)) return undefined;
        const want = st.fairShare() - (st.readers.get(this.readerId)?.size ?? 0);
        taken = [...st.unassigned.keys()].sort().slice(0, Math.max(0, want));
        return taken.map((key) => ({ t: 'acquire', reader: this.readerId, key }) as GroupUpdate);
      });
      const mine = this.state.readers.get(this.readerId);
      for (const key of taken) {
        const offset = mine?.get(key);
        if (offset === undefined || this.owned.has(key)) continue;
        const { scope, stream, id } = parseSegmentKey(key);
        this.owned.set(key, new ReaderSegment(key, scope, stream, id, offset, this.state.endOffsets.get(key)));
      }
    }
  }

  private async successorsOf(seg: ReaderSegment): Promise<{ key: SegmentKey; predecessors: SegmentKey[] }[]> {
    const r = await this.conn.call<{ id: number; predecessors: number[] }[]>('getSuccessors', {
      scope: seg.scope,
      stream: seg.stream,
      segment: seg.id,
    });
    return r.map((x) => ({
      key: segmentKey(seg.scope, seg.stream, x.id),
      predecessors: x.predecessors.map((p) => segmentKey(seg.scope, seg.stream, p)),
    }));
  }

  private drop(seg: ReaderSegment): void {
    this.heldSuccessors.delete(seg.key);
    seg.dropped = true;
    this.owned.delete(seg.key);
  }

  private nextBuffered(): EventRead<T> | undefined {
    const segs = [...this.owned.values()];
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[(this.rr + i) % segs.length]!;
      if (!seg.hasBuffered) continue;
      this.rr = (this.rr + i + 1) % Math.max(1, segs.length);
      const { payload, start } = seg.next();
      return {
        event: this.serializer.deserialize(payload),
        position: this.position,
        eventPointer: {
          scope: seg.scope,
          stream: seg.stream,
          segment: seg.id,
          offset: start,
          length: seg.offset - start,
        },
        checkpointName: null,
        isCheckpoint: false,
        isReadCompleted: false,
      };
    }
    return undefined;
  }

  /** Start reads for owned segments with nothing buffered; wait for the first answer or `waitMs`. */
  private async fetch(waitMs: number): Promise<void> {
    const reads: Promise<void>[] = [];
    for (const seg of this.owned.values()) {
      if (seg.needsFetch) {
        seg.inflight = this.readSegment(seg, waitMs).finally(() => {
          seg.inflight = undefined;
        });
      }
      if (seg.inflight) reads.push(seg.inflight);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => {
      timer = setTimeout(r, reads.length > 0 ? waitMs : Math.min(waitMs, this.refreshMs));
    });
    await Promise.race([...reads, timeout]);
    clearTimeout(timer);
    const err = this.readError;
    this.readError = undefined;
    if (err) throw err;
  }

  /** Never rejects: a failure is kept for `fetch` to throw. */
  private async readSegment(seg: ReaderSegment, waitMs: number): Promise<void> {
    try {
      await this.readInto(seg, waitMs);
    } catch (e) {
      this.readError = e as Error;
    }
  }

  private async readInto(seg: ReaderSegment, waitMs: number): Promise<void> {
    const r = await this.conn.call<ReadAnswer>('read', {
      scope: seg.scope,
      stream: seg.stream,
      segment: seg.id,
      offset: seg.readOffset,
      maxBytes: this.readBytes,
      waitMs,
    });
    if (seg.dropped) return;
    if (r.truncatedTo !== undefined) {
      seg.resetTo(r.truncatedTo);
      throw new TruncatedDataError(`${seg.scope}/${seg.stream}/${seg.id}`);
    }
    seg.fill(r.data, r.endOfSegment);
  }

  private marker(name: string): EventRead<T> {
    return {
      event: null,
      position: this.position,
      eventPointer: null,
      checkpointName: name,
      isCheckpoint: true,
      isReadCompleted: false,
    };
  }

  private empty(completed: boolean): EventRead<T> {
    return {
      event: null,
      position: this.position,
      eventPointer: null,
      checkpointName: null,
      isCheckpoint: false,
      isReadCompleted: completed,
    };
  }

  /** Leave the group: owned segments are handed back at the position of the last event returned. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const positions = this.positions();
    await this.sync
      .updateState((s) =>
        s.readers.has(this.readerId) && s.generation === this.generation
          ? [{ t: 'removeReader', reader: this.readerId, position: positions }]
          : undefined,
      )
      .catch(() => {});
  }
}
