import { describe, expect, it } from 'vitest';
import { Checkpoint, type EventStreamReader, JsonSerializer, ScalingPolicy } from '../src/index.ts';
import { readAll, useEmbeddedStore } from './helpers.ts';

describe('reader-group checkpoints', () => {
  const store = useEmbeddedStore();

  it('positions match the events returned before the marker; a reset replays exactly the rest', async () => {
    const client = store().client();
    const mgr = client.streamManager();
    await mgr.createScope('s');
    await mgr.createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(4) });
    const ser = new JsonSerializer<number>();
    const w = client.createEventWriter('s', 'st', ser);
    const N = 2000;
    await Promise.all(Array.from({ length: N }, (_, i) => w.writeEvent(`k${i % 50}`, i)));
    const rgm = client.readerGroupManager('s');
    await rgm.createReaderGroup('g', { streams: ['st'] });
    const group = await rgm.getReaderGroup('g');
    const readers: EventStreamReader<number>[] = [];
    for (let r = 0; r < 2; r++)
      readers.push(await client.createReader(`r${r}`, 's', 'g', ser, { groupRefreshTimeMs: 10, readBufferBytes: 512 }));
    // Each reader reads a while, so both own segments.
    const before: number[][] = [[], []];
    const after: number[][] = [[], []];
    const lastEnd: Map<number, number>[] = [new Map(), new Map()];
    for (let i = 0; i < 100; i++) {
      for (let r = 0; r < 2; r++) {
        const e = await readers[r]!.readNextEvent(100);
        if (e.event !== null) {
          before[r]!.push(e.event);
          lastEnd[r]!.set(e.eventPointer!.segment, e.eventPointer!.offset + e.eventPointer!.length);
        }
      }
    }
    const cpPromise = group.initiateCheckpoint('cp-1');
    const markerPositions: Map<number, number>[] = [];
    for (let r = 0; r < 2; r++) {
      for (;;) {
        const e = await readers[r]!.readNextEvent(100);
        if (e.isCheckpoint) {
          expect(e.checkpointName).toBe('cp-1');
          markerPositions[r] = new Map(e.position.segments.map((p) => [p.segment, p.offset]));
          break;
        }
        if (e.event !== null) {
          before[r]!.push(e.event);
          lastEnd[r]!.set(e.eventPointer!.segment, e.eventPointer!.offset + e.eventPointer!.length);
        }
      }
    }
    // The position is recorded on the read after the marker; these events are after the checkpoint.
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < 20; i++) {
        const e = await readers[r]!.readNextEvent(100);
        if (e.event !== null) after[r]!.push(e.event);
      }
    }
    const cp = await cpPromise;
    const cut = cp.streamCuts.get('s/st')!;
    for (let r = 0; r < 2; r++) {
      for (const [seg, off] of markerPositions[r]!) expect(cut.positions.get(seg)).toBe(off);
      for (const [seg, end] of lastEnd[r]!)
        if (markerPositions[r]!.has(seg)) expect(markerPositions[r]!.get(seg)).toBe(end);
    }
    // Checkpoint survives bytes and text.
    const restored = Checkpoint.fromText(cp.toText());
    expect(restored.streamCuts.get('s/st')!.equals(cut)).toBe(true);

    // Resetting to the checkpoint: old readers are told to reinitialise; new ones read exactly the rest.
    await group.resetReaderGroup(Checkpoint.fromBytes(cp.toBytes()));
    // As in Pravega (groupRefreshTimeMillis), an old reader learns of the reset at its next group refresh: until then
    // it may still hand out events it had buffered. Then it must fail.
    let failure: unknown;
    for (let i = 0; i < 10_000 && failure === undefined; i++) {
      try {
        await readers[0]!.readNextEvent(10);
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toMatchObject({ code: 'REINITIALIZATION_REQUIRED' });
    const fresh = await client.createReader('n0', 's', 'g', ser);
    const returnedBefore = new Set(before.flat());
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => !returnedBefore.has(i));
    const rest = await readAll(fresh, expected.length, 5_000);
    expect((await fresh.readNextEvent(100)).event).toBeNull();
    expect(rest.sort((a, b) => a - b)).toEqual(expected);
    expect(after.flat().every((e) => rest.includes(e))).toBe(true);
  });

  it('limits outstanding checkpoints and can cancel them', async () => {
    const client = store().client();
    const mgr = client.streamManager();
    await mgr.createScope('s');
    await mgr.createStream('s', 'st');
    const rgm = client.readerGroupManager('s');
    await rgm.createReaderGroup('g', { streams: ['st'], maxOutstandingCheckpointRequest: 2 });
    const group = await rgm.getReaderGroup('g');
    await client.createReader('r', 's', 'g', new JsonSerializer()); // online but never reads: checkpoints stay pending
    const a = group.initiateCheckpoint('a', { timeoutMs: 5_000 });
    const b = group.initiateCheckpoint('b', { timeoutMs: 5_000 });
    a.catch(() => {});
    b.catch(() => {});
    await new Promise((r) => setTimeout(r, 30));
    await expect(group.initiateCheckpoint('c')).rejects.toMatchObject({ code: 'MAX_CHECKPOINTS_EXCEEDED' });
    await group.cancelOutstandingCheckpoints();
    await expect(a).rejects.toMatchObject({ code: 'CHECKPOINT_CANCELLED' });
    await expect(b).rejects.toMatchObject({ code: 'CHECKPOINT_CANCELLED' });
  });

  it('an end stream cut makes the read complete', async () => {
    const client = store().client();
    const mgr = client.streamManager();
    await mgr.createScope('s');
    await mgr.createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(2) });
    const ser = new JsonSerializer<number>();
    const w = client.createEventWriter('s', 'st', ser);
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.writeEvent(`k${i}`, i)));
    const end = (await mgr.getStreamInfo('s', 'st')).tailStreamCut;
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.writeEvent(`k${i}`, 50 + i)));
    const rgm = client.readerGroupManager('s');
    await rgm.createReaderGroup('g', { streams: [{ stream: 'st', endCut: end }] });
    const reader = await client.createReader('r', 's', 'g', ser);
    const got: number[] = [];
    for (;;) {
      const e = await reader.readNextEvent(200);
      if (e.event !== null) got.push(e.event);
      if (e.isReadCompleted) break;
    }
    expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('a checkpoint taken after a sealed stream was read to its end holds its tail: a reset reads nothing again', async () => {
    const client = store().client();
    const mgr = client.streamManager();
    await mgr.createScope('sealed');
    await mgr.createStream('sealed', 'st', { scalingPolicy: ScalingPolicy.fixed(2) });
    const ser = new JsonSerializer<number>();
    const w = client.createEventWriter('sealed', 'st', ser);
    await Promise.all(Array.from({ length: 40 }, (_, i) => w.writeEvent(`k${i}`, i)));
    await mgr.sealStream('sealed', 'st');
    const rgm = client.readerGroupManager('sealed');
    await rgm.createReaderGroup('g', { streams: ['st'] });
    const group = await rgm.getReaderGroup('g');
    const reader = await client.createReader('r', 'sealed', 'g', ser, { groupRefreshTimeMs: 10 });
    const got: number[] = [];
    for (;;) {
      const e = await reader.readNextEvent(100);
      if (e.event !== null) got.push(e.event);
      if (e.isReadCompleted) break;
    }
    expect(got).toHaveLength(40);
    // Still in the group at its end: it answers the checkpoint's marker.
    const cpPromise = group.initiateCheckpoint('at-end');
    // A reader at its end answers at once (nothing to wait for): poll until the marker shows up.
    while (!(await reader.readNextEvent(20)).isCheckpoint) await new Promise((r) => setTimeout(r, 5));
    await reader.readNextEvent(20);
    const cp = await cpPromise;
    expect(cp.streamCuts.get('sealed/st')?.positions.size).toBe(2);
    await reader.close();

    await group.resetReaderGroup(cp);
    const again = await client.createReader('r2', 'sealed', 'g', ser, { groupRefreshTimeMs: 10 });
    const replayed: number[] = [];
    for (;;) {
      const e = await again.readNextEvent(100);
      if (e.event !== null) replayed.push(e.event);
      if (e.isReadCompleted) break;
    }
    expect(replayed).toEqual([]);
    await again.close();
  });
});
