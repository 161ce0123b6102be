import { describe, expect, it } from 'vitest';
import { type EventStreamReader, JsonSerializer, ScalingPolicy } from '../src/index.ts';
import { useEmbeddedStore } from './helpers.ts';

interface Ev {
  w: number;
  k: number;
  seq: number;
}

describe('per-key order across scaling', () => {
  const store = useEmbeddedStore();

  it('split then merge with concurrent writers and a reader group: no loss, no duplicate, per-key order', async () => {
    const client = store().client();
    const mgr = client.streamManager();
    await mgr.createScope('s');
    await mgr.createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(2) });
    await client.readerGroupManager('s').createReaderGroup('g', { streams: ['st'] });
    const ser = new JsonSerializer<Ev>();
    const readers: EventStreamReader<Ev>[] = [];
    for (let r = 0; r < 3; r++)
      readers.push(await client.createReader(`r${r}`, 's', 'g', ser, { groupRefreshTimeMs: 20 }));
    const seen: Ev[][] = readers.map(() => []);
    const global: Ev[] = [];
    let writing = true;
    const readLoops = readers.map(async (reader, i) => {
      let idle = 0;
      while (writing || idle < 10) {
        const r = await reader.readNextEvent(50);
        if (r.event) {
          seen[i]!.push(r.event);
          global.push(r.event);
          idle = 0;
        } else if (!r.isCheckpoint) idle++;
      }
    });

    const WRITERS = 3;
    const KEYS = 20;
    const PER_ROUND = 40;
    const seq = new Map<string, number>();
    let total = 0;
    const writers = Array.from({ length: WRITERS }, () =>
      client.createEventWriter('s', 'st', ser, { maxBlockBytes: 2048 }),
    );
    const round = async (): Promise<void> => {
      const ps: Promise<void>[] = [];
      for (let n = 0; n < PER_ROUND; n++) {
        for (let w = 0; w < WRITERS; w++) {
          const k = (n * 7 + w) % KEYS;
          const id = `${w}/${k}`;
          const s = (seq.get(id) ?? -1) + 1;
          seq.set(id, s);
          ps.push(writers[w]!.writeEvent(`key${k}`, { w, k, seq: s }));
          total++;
        }
        if (n % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      await Promise.all(ps);
    };
    // Writes keep going while the stream splits and then merges.
    const bg = (async () => {
      for (let i = 0; i < 12; i++) await round();
    })();
    await new Promise((r) => setTimeout(r, 30));
    const [first] = await mgr.getActiveSegments('s', 'st');
    const afterSplit = await mgr.scaleStream(
      's',
      'st',
      [first!.id],
      [
        { low: first!.low, high: (first!.low + first!.high) / 2 },
        { low: (first!.low + first!.high) / 2, high: first!.high },
      ],
    );
    await new Promise((r) => setTimeout(r, 30));
    const a = afterSplit[1]!;
    const b = afterSplit[2]!;
    await mgr.scaleStream('s', 'st', [a.id, b.id], [{ low: a.low, high: b.high }]);
    await bg;
    for (const w of writers) await w.flush();
    writing = false;
    await Promise.all(readLoops);

    const all = seen.flat();
    expect(all.length).toBe(total);
    expect(new Set(all.map((e) => `${e.w}/${e.k}/${e.seq}`)).size).toBe(total);
    // Per key, across all readers in the order each read it: strictly increasing (each reader's own view).
    for (const events of seen) {
      const last = new Map<string, number>();
      for (const e of events) {
        const id = `${e.w}/${e.k}`;
        expect(e.seq).toBeGreaterThan(last.get(id) ?? -1);
        last.set(id, e.seq);
      }
    }
    // And per key globally: a successor is read only after its predecessors were read to the end.
    const lastGlobal = new Map<string, number>();
    for (const e of global) {
      const id = `${e.w}/${e.k}`;
      expect(e.seq).toBe((lastGlobal.get(id) ?? -1) + 1);
      lastGlobal.set(id, e.seq);
    }
    const info = await mgr.getStreamInfo('s', 'st');
    expect(info.epoch).toBe(2);
    for (const r of readers) await r.close();
  });
});
