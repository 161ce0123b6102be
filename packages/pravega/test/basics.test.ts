import { describe, expect, it } from 'vitest';
import {
  connectToStore,
  JsonSerializer,
  ScalingPolicy,
  StoreError,
  StreamCut,
  Utf8StringSerializer,
} from '../src/index.ts';
import { readAll, useEmbeddedStore } from './helpers.ts';

describe('stream store basics', () => {
  const store = useEmbeddedStore();

  it('creates scopes and streams, writes and reads back in order per key', async () => {
    const client = store().client();
    const mgr = client.streamManager();
    expect(await mgr.createScope('s')).toBe(true);
    expect(await mgr.createScope('s')).toBe(false);
    expect(await mgr.createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(3) })).toBe(true);
    const info = await mgr.getStreamInfo('s', 'st');
    expect(info.activeSegments.length).toBe(3);
    const writer = client.createEventWriter('s', 'st', new JsonSerializer<{ k: string; i: number }>());
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) writes.push(writer.writeEvent(`k${i % 7}`, { k: `k${i % 7}`, i }));
    await Promise.all(writes);
    await client.readerGroupManager('s').createReaderGroup('g', { streams: ['st'] });
    const reader = await client.createReader('r1', 's', 'g', new JsonSerializer<{ k: string; i: number }>());
    const got = await readAll(reader, 300);
    expect(got.length).toBe(300);
    const last = new Map<string, number>();
    for (const e of got) {
      expect(e.i).toBeGreaterThan(last.get(e.k) ?? -1);
      last.set(e.k, e.i);
    }
    const more = await reader.readNextEvent(50);
    expect(more.event).toBeNull();
  });

  it('answers bad input with typed errors', async () => {
    const client = store().client();
    const mgr = client.streamManager();
    await expect(mgr.createStream('nope', 'x')).rejects.toMatchObject({ code: 'SCOPE_NOT_FOUND' });
    await mgr.createScope('s');
    await expect(mgr.getStreamInfo('s', 'x')).rejects.toMatchObject({ code: 'STREAM_NOT_FOUND' });
    await mgr.createStream('s', 'st');
    const w = client.createEventWriter('s', 'st', new Utf8StringSerializer());
    await expect(w.writeEvent('k', 'x'.repeat(8 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: 'EVENT_TOO_LARGE' });
    await w.writeEvent('k', 'ok');
    await mgr.sealStream('s', 'st');
    const w2 = client.createEventWriter('s', 'st', new Utf8StringSerializer());
    await expect(w2.writeEvent('k', 'late')).rejects.toMatchObject({ code: 'STREAM_SEALED' });
    await expect(mgr.scaleStream('s', 'st', [0], [{ low: 0, high: 1 }])).rejects.toBeInstanceOf(StoreError);
    await expect(
      client.createTransactionalWriter('s', 'st', new Utf8StringSerializer()).getTxn('abc'),
    ).rejects.toMatchObject({ code: 'TXN_NOT_FOUND', message: expect.stringContaining('transaction not found') });
    await expect(
      client.connection.call('append', { scope: 's', stream: 'st', segment: 99, data: new Uint8Array(1) }),
    ).rejects.toMatchObject({ code: 'SEGMENT_NOT_FOUND' });
  });

  it('serves TCP clients with the same API, stream cuts round-trip through bytes and text', async () => {
    const port = await store().listen(0);
    const client = await connectToStore('127.0.0.1', port);
    const mgr = client.streamManager();
    await mgr.createScope('s');
    await mgr.createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(2) });
    const w = client.createEventWriter('s', 'st', new Utf8StringSerializer());
    await Promise.all(Array.from({ length: 100 }, (_, i) => w.writeEvent(`k${i}`, `e${i}`)));
    const tail = (await mgr.getStreamInfo('s', 'st')).tailStreamCut;
    expect(StreamCut.fromText(tail.toText()).equals(tail)).toBe(true);
    expect(StreamCut.fromBytes(tail.toBytes()).equals(tail)).toBe(true);
    const batch = client.batchClient();
    const ranges = await batch.getSegments('s', 'st', null, tail);
    const all: string[] = [];
    for (const r of ranges) for await (const e of batch.readSegment(r, new Utf8StringSerializer())) all.push(e);
    expect(all.sort()).toEqual(Array.from({ length: 100 }, (_, i) => `e${i}`).sort());
    await client.close();
  });
});
