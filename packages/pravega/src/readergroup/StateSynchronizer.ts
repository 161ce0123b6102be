import { pack, unpack } from 'msgpackr';
import { StoreError } from '../errors/index.ts';
import { EVENT_HEADER_BYTES, EVENT_TYPE, framedEvents } from '../model/index.ts';

/** The calls a synchronizer needs (a client connection). */
export interface SynchronizerConnection {
  call<T>(op: string, args: Record<string, unknown>): Promise<T>;
}

/**
 * Pravega's StateSynchronizer: a local copy of a state rebuilt from an ordered log of updates kept in one segment.
 * `updateState` appends updates conditionally at the offset this copy has read up to; if another process
 * appended first, the append fails, the copy catches up and the generator runs again on the newer state.
 */
export class StateSynchronizer<S, U> {
  private offset = 0;
  /** Fetches and updates of one copy run one at a time (concurrent callers share the copy). */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly conn: SynchronizerConnection,
    private readonly scope: string,
    private readonly stream: string,
    readonly state: S,
    private readonly applyUpdate: (state: S, update: U) => void,
  ) {}

  private exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => {});
    return run;
  }

  /** Read and apply every update appended since the last fetch. */
  fetchUpdates(): Promise<void> {
    return this.exclusive(() => this.fetch());
  }

  private async fetch(): Promise<void> {
    for (;;) {
      const r = await this.conn.call<{ data: Uint8Array; atTail: boolean }>('read', {
        scope: this.scope,
        stream: this.stream,
        segment: 0,
        offset: this.offset,
      });
      for (const payload of framedEvents(r.data)) this.applyUpdate(this.state, unpack(payload) as U);
      this.offset += r.data.byteLength;
      if (r.atTail || r.data.byteLength === 0) return;
    }
  }

  /**
   * Run `generate` on the latest state and append what it returns, atomically with respect to other writers.
   * `generate` returns the updates to append, or nothing to do nothing; it may throw to refuse.
   */
  updateState(generate: (state: S) => U[] | undefined): Promise<boolean> {
    return this.exclusive(() => this.update(generate));
  }

  private async update(generate: (state: S) => U[] | undefined): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      await this.fetch();
      const updates = generate(this.state);
      if (!updates || updates.length === 0) return false;
      try {
        await this.conn.call('append', {
          scope: this.scope,
          stream: this.stream,
          segment: 0,
          expectedOffset: this.offset,
          data: frame(updates),
        });
        await this.fetch();
        return true;
      } catch (e) {
        if (!(e instanceof StoreError) || e.code !== 'CONDITIONAL_CHECK_FAILED') throw e;
        // Someone else appended (maybe not yet durable): back off a little, catch up and retry.
        if (attempt > 1) await new Promise((r) => setTimeout(r, Math.min(attempt, 20) * Math.random()));
      }
    }
  }
}

function frame(updates: unknown[]): Buffer {
  const payloads = updates.map((u) => pack(u));
  let total = 0;
  for (const p of payloads) total += EVENT_HEADER_BYTES + p.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const p of payloads) {
    out.writeInt32BE(EVENT_TYPE, at);
    out.writeInt32BE(p.length, at + 4);
    p.copy(out, at + EVENT_HEADER_BYTES);
    at += EVENT_HEADER_BYTES + p.length;
  }
  return out;
}
