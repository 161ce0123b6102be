import { StoreError } from '../../errors/index.ts';
import type { Connection } from '../connection/index.ts';
import type { AckGroup } from './AckGroup.ts';
import { Block } from './Block.ts';

export interface SegmentWriterOptions {
  readonly writerId: string;
  /** A block is closed at this many bytes (default 1 MiB). */
  readonly maxBlockBytes: number;
  /** Blocks sent and not yet acknowledged, at most (pipelining over group commit). */
  readonly maxInflightBlocks: number;
  /** Resend attempts after a lost connection before the writer gives up (default 10, exponential backoff). */
  readonly retryAttempts: number;
}

export interface SegmentTarget {
  readonly scope: string;
  readonly stream: string;
  readonly segment: number;
  readonly txn?: string;
}

/** What the segment writer hands back when its segment turned out sealed: every unacknowledged event, in order. */
export type OnSealed = (w: SegmentWriter, events: [number, Uint8Array, AckGroup][]) => void;

const RETRYABLE = new Set(['CONNECTION_CLOSED', 'STORE_CLOSED']);

/**
 * Appends to one segment for one writer: events collect into blocks, up to `maxInflightBlocks` are in flight at
 * once, each carrying the writer id and the event number of its last event so a resend is deduplicated by the
 * store. On a seal every unacknowledged event goes back to the event writer to be re-routed in order; on a lost
 * connection unacknowledged blocks are resent with the same numbers.
 */
export class SegmentWriter {
  private open: Block | undefined;
  private readonly queued: Block[] = [];
  private readonly inflight: Block[] = [];
  private eventNumber = -1;
  /** Set when a block failed: no more sends until every in-flight block has answered. */
  private failure: StoreError | undefined;
  private failedBlocks: Block[] = [];
  private attempts = 0;
  private scheduled = false;
  sealed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly conn: Connection,
    readonly target: SegmentTarget,
    private readonly options: SegmentWriterOptions,
    private readonly onSealed: OnSealed,
  ) {}

  get idle(): boolean {
    return !this.open && this.queued.length === 0 && this.inflight.length === 0 && this.failedBlocks.length === 0;
  }

  whenIdle(): Promise<void> {
    return this.idle ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  add(point: number, payload: Uint8Array, group: AckGroup): void {
    if (!this.open) this.open = new Block(Math.min(this.options.maxBlockBytes, 64 * 1024));
    this.open.add(point, payload, group);
    if (this.open.used >= this.options.maxBlockBytes) {
      this.queued.push(this.open);
      this.open = undefined;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.failure || this.sealed) return;
    while (this.inflight.length < this.options.maxInflightBlocks) {
      let block = this.queued.shift();
      if (!block && this.open) {
        block = this.open;
        this.open = undefined;
      }
      if (!block) break;
      if (block.lastEventNumber < 0) block.lastEventNumber = this.eventNumber += block.count;
      this.send(block);
    }
    this.checkIdle();
  }

  private send(block: Block): void {
    this.inflight.push(block);
    const t = this.target;
    this.conn
      .call('append', {
        scope: t.scope,
        stream: t.stream,
        segment: t.segment,
        txn: t.txn,
        writer: this.options.writerId,
        eventNumber: block.lastEventNumber,
        data: block.data,
      })
      .then(
        () => this.acked(block),
        (e: unknown) => this.failed(block, e),
      );
  }

  private acked(block: Block): void {
    this.inflight.splice(this.inflight.indexOf(block), 1);
    this.attempts = 0;
    for (const g of block.groups) g.ack();
    this.afterAnswer();
  }

  private failed(block: Block, e: unknown): void {
    this.inflight.splice(this.inflight.indexOf(block), 1);
    const err = e instanceof StoreError ? e : new StoreError('INTERNAL', String(e));
    // The first failure decides what happens to every block that fails with it.
    if (!this.failure || (err.code === 'SEGMENT_SEALED' && this.failure.code !== 'SEGMENT_SEALED')) {
      this.failure = err;
    }
    this.failedBlocks.push(block);
    this.afterAnswer();
  }

  private afterAnswer(): void {
    if (this.failure && this.inflight.length === 0) this.recover();
    else this.pump();
  }

  /** Every in-flight block has answered and some failed: re-route, resend or fail them. */
  private recover(): void {
    const err = this.failure!;
    const failed = this.failedBlocks.sort((a, b) => a.lastEventNumber - b.lastEventNumber);
    this.failedBlocks = [];
    this.failure = undefined;
    if (err.code === 'SEGMENT_SEALED') {
      this.sealed = true;
      const events: [number, Uint8Array, AckGroup][] = [];
      for (const b of [...failed, ...this.queued, ...(this.open ? [this.open] : [])]) events.push(...b.events());
      this.queued.length = 0;
      this.open = undefined;
      this.checkIdle();
      this.onSealed(this, events);
      return;
    }
    if (RETRYABLE.has(err.code) && this.attempts < this.options.retryAttempts) {
      const delay = Math.min(50 * 2 ** this.attempts, 5_000);
      this.attempts++;
      this.queued.unshift(...failed);
      setTimeout(() => this.pump(), delay);
      return;
    }
    for (const b of failed) for (const g of b.groups) g.fail(err);
    this.pump();
  }

  private checkIdle(): void {
    if (this.idle && this.idleWaiters.length > 0) for (const f of this.idleWaiters.splice(0)) f();
  }
}
