import { describe, expect, it } from 'vitest';
import { JsonSerializer, ScalingPolicy } from '../src/index.ts';
import { useEmbeddedStore } from './helpers.ts';

describe('readers that hand segments over at checkpoints only (handOverAtCheckpoints)', () => {
  const store = useEmbeddedStore();

  it("a finished predecessor's successor goes to the other reader only after a checkpoint position is recorded", async () => {
    const client = store().client();
    const mgr = client.streamManager();
    await mgr.createScope('h');
    await mgr.createStream('h', 'st', { scalingPolicy: ScalingPolicy.fixed(1) });
    const ser = new JsonSerializer<number>();
    const writer = client.createEventWriter('h', 'st', ser);
    for (let i = 0; i < 5; i++) await writer.writeEvent('k', i);
    const [only] = await mgr.getActiveSegments('h', 'st');
    await mgr.scaleStream('h', 'st', [only!.id], [{ low: 0, high: 1 }]);
    for (let i = 5; i < 10; i++) await writer.writeEvent('k', i);
    await writer.close();

    const rgm = client.readerGroupManager('h');
    await rgm.createReaderGroup('g', { streams: ['st'] });
    const group = await rgm.getReaderGroup('g');
    const first = await client.createReader('first', 'h', 'g', ser, { groupRefreshTimeMs: 5 });
    first.handOverAtCheckpoints();
    const got: number[] = [];
    while (got.length < 5) {
      const read = await first.readNextEvent(50);
      if (read.event !== null) got.push(read.event);
    }
    // The predecessor is read to its end; while `first` still holds it, its successor stays unassigned...
    const second = await client.createReader('second', 'h', 'g', ser, { groupRefreshTimeMs: 5 });
    for (let i = 0; i < 5; i++) {
      expect((await first.readNextEvent(20)).event).toBeNull();
      expect((await second.readNextEvent(20)).event).toBeNull();
    }
    // ...until `first` records a checkpoint: then the successor is read, by whichever reader takes it.
    const checkpoint = group.initiateCheckpoint('c1', { timeoutMs: 5_000 });
    const rest: number[] = [];
    for (let i = 0; i < 200 && rest.length < 5; i++) {
      for (const reader of [first, second]) {
        const read = await reader.readNextEvent(10);
        if (read.event !== null) rest.push(read.event);
      }
    }
    await checkpoint;
    expect([...got, ...rest]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await first.close();
    await second.close();
  });
});
