import { randomUUID } from 'node:crypto';
import { EventTooLargeError, type StoreError, StreamSealedError } from '../../errors/index.ts';
import { hashRoutingKey, MAX_EVENT_BYTES, type SegmentWithRange } from '../../model/index.ts';
import type { Serializer } from '../../serializers/index.ts';
import type { Connection } from '../connection/index.ts';
import { AckGroup } from './AckGroup.ts';
import { RoutingTable } from './RoutingTable.ts';
import { SegmentWriter, type SegmentWriterOptions } from './SegmentWriter.ts';

export interface EventWriterConfig {
  /** Defaults to a random UUID; reuse one to resume idempotently after a restart of the writer. */
  readonly writerId?: string;
  readonly maxBlockBytes?: number;
  readonly maxInflightBlocks?: number;
  readonly retryAttempts?: number;
}

export function segmentWriterOptions(config: EventWriterConfig): SegmentWriterOptions {
  return {
    writerId: config.writerId ?? randomUUID(),
    maxBlockBytes: config.maxBlockBytes ?? 1024 * 1024,
    maxInflightBlocks: config.maxInflightBlocks ?? 4,
    retryAttempts: config.retryAttempts ?? 10,
  };
}

type HeldEvent = [number, Uint8Array, AckGroup];

/**
 * Pravega's EventStreamWriter: `writeEvent(key, event)` resolves once the event is durable. Events with one routing
 * key keep their order, across scaling too: when a segment seals, its unacknowledged events are re-routed to the
 * successors before any later event.
 */
export class EventWriter<T> {
  private table: RoutingTable | undefined;
  private starting: Promise<void> | undefined;
  private readonly writers = new Map<number, SegmentWriter>();
  private group: AckGroup | undefined;
  private readonly outstanding = new Set<AckGroup>();
  /** Events written while the routing table is being fetched or repaired; they go out after, in order. */
  private held: HeldEvent[] | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private refreshCount = 0;
  private failure: StoreError | undefined;
  private lastNote: { time: number; position: [number, number][] } | undefined;
  readonly options: SegmentWriterOptions;

  constructor(
    private readonly conn: Connection,
    readonly scope: string,
    readonly stream: string,
    private readonly serializer: Serializer<T>,
    config: EventWriterConfig = {},
  ) {
    this.options = segmentWriterOptions(config);
  }

  get writerId(): string {
    return this.options.writerId;
  }

  /** Resolves when the event is durable. Without a key the event goes to a random segment. */
  writeEvent(routingKey: string | undefined, event: T): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const payload = this.serializer.serialize(event);
    if (payload.byteLength > MAX_EVENT_BYTES) {
      return Promise.reject(new EventTooLargeError(payload.byteLength, MAX_EVENT_BYTES));
    }
    const point = routingKey === undefined ? Math.random() : hashRoutingKey(routingKey);
    const group = this.currentGroup();
    group.remaining++;
    if (this.table && !this.held) this.route(point, payload, group);
    else {
      this.held ??= [];
      this.held.push([point, payload, group]);
      if (!this.table && !this.starting) this.start();
    }
    return group.promise;
  }

  private currentGroup(): AckGroup {
    let g = this.group;
    if (!g) {
      g = new AckGroup();
      this.group = g;
      this.outstanding.add(g);
      const done = g;
      g.promise.then(
        () => this.outstanding.delete(done),
        () => this.outstanding.delete(done),
      );
      queueMicrotask(() => {
        if (this.group === done) this.group = undefined;
      });
    }
    return g;
  }

  private start(): void {
    this.refreshCount++;
    this.starting = this.conn
      .call<{ segments: SegmentWithRange[]; sealed: boolean }>('getCurrentSegments', {
        scope: this.scope,
        stream: this.stream,
      })
      .then(
        (r) => {
          if (r.sealed) this.fail(new StreamSealedError(this.scope, this.stream));
          else this.table = new RoutingTable(r.segments);
        },
        (e: StoreError) => this.fail(e),
      )
      .finally(() => {
        this.refreshCount--;
        this.release();
      });
  }

  private route(point: number, payload: Uint8Array, group: AckGroup): void {
    const id = this.table!.segmentFor(point);
    let w = this.writers.get(id);
    if (!w) {
      w = new SegmentWriter(
        this.conn,
        { scope: this.scope, stream: this.stream, segment: id },
        this.options,
        (sw, events) => this.onSealed(sw, events),
      );
      this.writers.set(id, w);
    }
    w.add(point, payload, group);
  }

  /** A segment sealed: hold new events, learn its successors, re-route its events first, then the held ones. */
  private onSealed(sw: SegmentWriter, events: HeldEvent[]): void {
    this.held ??= [];
    this.refreshCount++;
    this.refreshing = this.refreshing.then(async () => {
      try {
        const r = await this.conn.call<{ segments: SegmentWithRange[]; sealed: boolean }>('getCurrentSegments', {
          scope: this.scope,
          stream: this.stream,
        });
        this.writers.delete(sw.target.segment);
        if (r.sealed) {
          const err = new StreamSealedError(this.scope, this.stream);
          for (const [, , g] of events) g.fail(err);
          this.fail(err);
          return;
        }
        this.table!.replace(sw.target.segment, r.segments);
        for (const [p, payload, g] of events) this.route(p, payload, g);
      } catch (e) {
        for (const [, , g] of events) g.fail(e as Error);
      } finally {
        this.refreshCount--;
        this.release();
      }
    });
  }

  private release(): void {
    if (this.refreshCount > 0 || !this.held) return;
    const held = this.held;
    this.held = undefined;
    if (this.failure) {
      for (const [, , g] of held) g.fail(this.failure);
      return;
    }
    for (const [p, payload, g] of held) this.route(p, payload, g);
  }

  private fail(e: StoreError): void {
    this.failure = e;
  }

  /** Resolves when every event written so far is durable; rejects if any of them failed. */
  async flush(): Promise<void> {
    while (this.outstanding.size > 0) {
      const groups = [...this.outstanding];
      await Promise.all(groups.map((g) => g.promise));
    }
  }

  /**
   * Record (time, this writer's position) for watermarking. The store keeps no watermark streams; the last note
   * is available from `lastNotedTime` (see README: not implemented).
   */
  noteTime(time: number): void {
    this.lastNote = { time, position: [] };
  }

  get lastNotedTime(): number | undefined {
    return this.lastNote?.time;
  }

  async close(): Promise<void> {
    await this.flush().catch(() => {});
  }
}
