// Helpers for the connector's scaling and savepoint tests: a writer of keyed events with per-key sequence numbers,
// split/merge of a stream's active segments, and the exactly-once, in-order check of the job's output.
import { JsonSerializer, type PravegaClient } from '@dhara/pravega';
import { expect } from 'vitest';
import type { CheckedEvent, SeqEvent } from './jobs/scale-ordered.ts';

/** Writes `perKey` events for each of `keys` keys, key-interleaved, with per-key sequence numbers from 0. */
export class SequenceWriter {
  private written = 0;

  constructor(
    private readonly client: PravegaClient,
    private readonly stream: string,
    readonly keys: number,
    readonly perKey: number,
  ) {}

  get total(): number {
    return this.keys * this.perKey;
  }

  get done(): boolean {
    return this.written >= this.total;
  }

  get remaining(): number {
    return this.total - this.written;
  }

  /** The next `count` events (fewer at the end), in bursts of 250 with a short pause, so a reader follows along. */
  write(count: number): Promise<void> {
    const end = Math.min(this.total, this.written + count);
    return this.writeWhile(() => this.written < end, 250, 5);
  }

  /**
   * Keeps writing bursts of `burst` events (up to the total) while `going()` holds, `pauseMs` apart: a steady
   * trickle, so that whatever the test does meanwhile happens while events arrive.
   */
  async writeWhile(going: () => boolean, burst = 50, pauseMs = 10): Promise<void> {
    const writer = this.client.createEventWriter('t', this.stream, new JsonSerializer<SeqEvent>());
    try {
      while (going() && !this.done) {
        const acks: Promise<void>[] = [];
        for (let n = 0; n < burst && going() && !this.done; n++, this.written++) {
          const key = `k${this.written % this.keys}`;
          acks.push(writer.writeEvent(key, { key, seq: Math.floor(this.written / this.keys) }));
        }
        await Promise.all(acks);
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    } finally {
      await writer.close();
    }
  }
}

/** Splits every active segment of the stream in two. */
export async function splitAll(client: PravegaClient, stream: string): Promise<void> {
  const mgr = client.streamManager();
  for (const s of await mgr.getActiveSegments('t', stream)) {
    const middle = (s.low + s.high) / 2;
    await mgr.scaleStream(
      't',
      stream,
      [s.id],
      [
        { low: s.low, high: middle },
        { low: middle, high: s.high },
      ],
    );
  }
}

/** Merges the active segments of the stream pairwise (in key order). */
export async function mergePairs(client: PravegaClient, stream: string): Promise<void> {
  const mgr = client.streamManager();
  const active = [...(await mgr.getActiveSegments('t', stream))].sort((a, b) => a.low - b.low);
  for (let i = 0; i + 1 < active.length; i += 2) {
    const a = active[i]!;
    const b = active[i + 1]!;
    await mgr.scaleStream('t', stream, [a.id, b.id], [{ low: a.low, high: b.high }]);
  }
}

export async function activeSegmentCount(client: PravegaClient, stream: string): Promise<number> {
  return (await client.streamManager().getActiveSegments('t', stream)).length;
}

/**
 * Every key's events exactly once in the output, and (unless `order` is false) each was the key's next one when the
 * job saw it.
 */
export function expectExactlyOnceInOrder(
  rows: readonly CheckedEvent[],
  keys: number,
  perKey: number,
  order = true,
): void {
  const seen = Array.from({ length: keys }, () => new Uint8Array(perKey));
  let outOfOrder = 0;
  for (const row of rows) {
    seen[Number(row.key.slice(1))]![row.seq]!++;
    if (row.expected !== row.seq) outOfOrder++;
  }
  let missing = 0;
  let duplicated = 0;
  for (const counts of seen) {
    for (const c of counts) {
      if (c === 0) missing++;
      if (c > 1) duplicated++;
    }
  }
  expect({ rows: rows.length, missing, duplicated, outOfOrder: order ? outOfOrder : 0 }).toEqual({
    rows: keys * perKey,
    missing: 0,
    duplicated: 0,
    outOfOrder: 0,
  });
}
