import { MessageChannel } from 'node:worker_threads';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import {
  BROADCAST,
  createChannelSelector,
  FrameCodec,
  FrameType,
  InputChannel,
  InputGate,
  OutputChannel,
  RecordWriter,
} from '../../src/network/index.ts';
import { assignToKeyGroup, operatorIndexForKeyGroup } from '../../src/state/index.ts';

/** Lets MessagePort messages (frames one way, credit the other) deliver; a credit reply needs a second turn. */
async function settle(turns = 4): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

const toClose: { close(): void }[] = [];
afterEach(() => {
  for (const c of toClose.splice(0)) c.close();
});

interface Link {
  readonly out: OutputChannel;
  readonly input: InputChannel;
  readonly codec: FrameCodec;
  credited: number;
  framesArrived: number;
}

/** One channel over a real MessageChannel in this thread. */
function link(options: { batchSize: number; credits: number; index?: number }): Link {
  const { port1, port2 } = new MessageChannel();
  const codec = new FrameCodec();
  const state = { credited: 0, framesArrived: 0 };
  const out = new OutputChannel(port1, codec, options.batchSize, options.credits, () => state.credited++, { now: 0 });
  const input = new InputChannel(options.index ?? 0, 0, port2, options.credits, () => state.framesArrived++);
  toClose.push(out, input);
  return Object.assign(state, { out, input, codec });
}

/** Decodes every queued frame of a channel, without returning credit. */
function queuedBatches(l: Link): unknown[][] {
  return l.input.queue.map((frame) => l.codec.decodeData(frame)[0]);
}

describe('OutputChannel batching', () => {
  test('a batch is sealed and sent when it reaches batchSize, the rest waits', async () => {
    const l = link({ batchSize: 3, credits: 10 });
    for (let i = 0; i < 7; i++) l.out.push(i, undefined);
    expect(l.out.framesSent).toBe(2);
    expect(l.out.hasUnsentRecords).toBe(true);
    await settle();
    expect(l.framesArrived).toBe(2);
    expect(queuedBatches(l)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    l.out.sealBatch();
    expect(l.out.hasUnsentRecords).toBe(false);
    await settle();
    expect(queuedBatches(l)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    // Sealing an empty batch sends nothing.
    l.out.sealBatch();
    expect(l.out.framesSent).toBe(3);
  });

  test('timestamps travel with their records; records before the first timestamp get null', async () => {
    const l = link({ batchSize: 4, credits: 4 });
    l.out.push('a', undefined);
    l.out.push('b', 1_700_000_000_123);
    l.out.push('c', undefined);
    l.out.push('d', 5);
    l.out.push('e', undefined);
    l.out.sealBatch();
    await settle();
    expect(l.input.queue.map((f) => l.codec.decodeData(f))).toEqual([
      [
        ['a', 'b', 'c', 'd'],
        [null, 1_700_000_000_123, null, 5],
      ],
      [['e'], null],
    ]);
  });

  test('flushIfOlderThan sends a partial batch only once it is old enough', () => {
    const { port1, port2 } = new MessageChannel();
    const time = { now: 100 };
    const out = new OutputChannel(port1, new FrameCodec(), 1_000, 4, () => {}, time);
    toClose.push(out, { close: () => port2.close() });
    out.push('x', undefined);
    out.flushIfOlderThan(10, 109);
    expect(out.framesSent).toBe(0);
    out.flushIfOlderThan(10, 110);
    expect(out.framesSent).toBe(1);
  });
});

describe('credit-based flow control', () => {
  test('a sender never has more frames in flight than credits; returned credit drains the backlog', async () => {
    const l = link({ batchSize: 1, credits: 2 });
    for (let i = 0; i < 5; i++) l.out.push(i, undefined);
    expect(l.out.framesSent).toBe(2);
    expect(l.out.backlogSize).toBe(3);
    expect(l.out.maxBacklogSeen).toBe(3);
    await settle();
    expect(l.input.queue.length).toBe(2);
    expect(l.input.violation).toBeUndefined();

    const gate = new InputGate([l.input]);
    const first = gate.poll()!;
    expect(l.codec.decodeData(first.frame)[0]).toEqual([0]);
    first.channel.returnCredit();
    await settle();
    // One credit back: exactly one more frame left the backlog.
    expect(l.credited).toBe(1);
    expect(l.out.framesSent).toBe(3);
    expect(l.out.backlogSize).toBe(2);
    expect(l.input.queue.length).toBe(2);

    const seen: unknown[] = [];
    for (let next = gate.poll(); next !== undefined; next = gate.poll()) {
      seen.push(...l.codec.decodeData(next.frame)[0]);
      next.channel.returnCredit();
      await settle();
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(l.out.backlogSize).toBe(0);
    expect(l.input.maxQueuedSeen).toBe(2);
  });

  test('property: any mix of pushes and consumes keeps in-flight <= credits and delivers everything in order', async () => {
    const op = fc.oneof(
      fc.integer({ min: 1, max: 6 }).map((n) => ({ push: n })),
      fc.constant({ consume: true }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(op, { maxLength: 25 }),
        async (batchSize, credits, ops) => {
          const l = link({ batchSize, credits });
          const gate = new InputGate([l.input]);
          let pushed = 0;
          let consumed = 0;
          const received: unknown[] = [];
          const take = (): boolean => {
            const next = gate.poll();
            if (next === undefined) return false;
            received.push(...l.codec.decodeData(next.frame)[0]);
            consumed++;
            next.channel.returnCredit();
            return true;
          };
          const check = (): void => {
            expect(l.out.framesSent - consumed).toBeLessThanOrEqual(credits);
            expect(l.input.queue.length).toBeLessThanOrEqual(credits);
            expect(l.input.violation).toBeUndefined();
          };
          for (const o of ops) {
            if ('push' in o) for (let i = 0; i < o.push; i++) l.out.push(pushed++, undefined);
            else take();
            check();
            await settle(2);
            check();
          }
          l.out.sealBatch();
          for (let rounds = 0; rounds < 200 && received.length < pushed; rounds++) {
            take();
            await settle(2);
            check();
          }
          expect(received).toEqual(Array.from({ length: pushed }, (_, i) => i));
          expect(l.out.backlogSize).toBe(0);
          l.out.close();
          l.input.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('end of partition and the input gate', () => {
  test('end of partition arrives after every record, and finishes the gate', async () => {
    const l = link({ batchSize: 2, credits: 1 });
    for (let i = 0; i < 5; i++) l.out.push(i, undefined);
    l.out.sendEvent(l.codec.encodeEvent(FrameType.END_OF_PARTITION));
    const gate = new InputGate([l.input]);
    const frames: { type: number; values: unknown[] }[] = [];
    for (let rounds = 0; rounds < 50 && !gate.isFinished; rounds++) {
      await settle(2);
      const next = gate.poll();
      if (next === undefined) continue;
      const type = next.frame[0]!;
      frames.push({ type, values: type === FrameType.DATA ? l.codec.decodeData(next.frame)[0] : [] });
      next.channel.returnCredit();
    }
    expect(frames).toEqual([
      { type: FrameType.DATA, values: [0, 1] },
      { type: FrameType.DATA, values: [2, 3] },
      { type: FrameType.DATA, values: [4] },
      { type: FrameType.END_OF_PARTITION, values: [] },
    ]);
    expect(gate.isFinished).toBe(true);
    expect(l.input.finished).toBe(true);
    expect(gate.poll()).toBeUndefined();
  });

  test('the gate reads its channels round robin and skips empty ones', async () => {
    const links = [0, 1, 2].map((index) => link({ batchSize: 1, credits: 4, index }));
    for (const [c, l] of links.entries()) {
      for (let i = 0; i < (c === 1 ? 1 : 3); i++) l.out.push(`${c}.${i}`, undefined);
    }
    await settle();
    const gate = new InputGate(links.map((l) => l.input));
    const order: string[] = [];
    for (let next = gate.poll(); next !== undefined; next = gate.poll()) {
      order.push(String(links[next.channel.index]!.codec.decodeData(next.frame)[0][0]));
    }
    expect(order).toEqual(['0.0', '1.0', '2.0', '0.1', '2.1', '0.2', '2.2']);
    expect(gate.isFinished).toBe(false);
  });

  test('a sender that overdraws its credit is reported by the gate, not silently buffered', async () => {
    const { port1, port2 } = new MessageChannel();
    const input = new InputChannel(3, 0, port2, 1, () => {});
    toClose.push(input, { close: () => port1.close() });
    const codec = new FrameCodec();
    port1.postMessage(codec.encodeData([1], null));
    port1.postMessage(codec.encodeData([2], null));
    await settle();
    const gate = new InputGate([input]);
    expect(() => gate.poll()).toThrow('input channel 3 holds 2 frames but granted only 1 credits');
  });
});

describe('FrameCodec', () => {
  // Record-like values: what flows between operators. -0 is left out: msgpack has no negative zero.
  const scalar = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.integer(),
    fc.double({ noNaN: true }).filter((d) => !Object.is(d, -0)),
    fc.boolean(),
    fc.constant(null),
  );
  const record = fc.oneof(
    scalar,
    fc.record({ key: fc.string({ maxLength: 8 }), value: fc.integer(), ts: fc.integer({ min: 0, max: 2 ** 52 }) }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), scalar, { maxKeys: 5 }),
    fc.array(scalar, { maxLength: 5 }),
  );
  const timestamp = fc.option(fc.integer({ min: 0, max: 2 ** 52 }), { nil: null });

  test('property: data frames round-trip values, with and without timestamps', () => {
    const codec = new FrameCodec();
    fc.assert(
      fc.property(fc.array(fc.tuple(record, timestamp), { maxLength: 60 }), fc.boolean(), (rows, withTimestamps) => {
        const values = rows.map(([v]) => v);
        const timestamps = withTimestamps ? rows.map(([, t]) => t) : null;
        const frame = codec.encodeData(values, timestamps);
        expect(frame[0]).toBe(FrameType.DATA);
        // A frame owns its whole buffer, so it can be transferred.
        expect(frame.byteOffset).toBe(0);
        expect(frame.buffer.byteLength).toBe(frame.byteLength);
        expect(codec.decodeData(frame)).toEqual([values, timestamps]);
      }),
      { numRuns: 300 },
    );
  });

  test('a frame decodes in another codec instance (every batch carries its own structures)', () => {
    const a = new FrameCodec();
    const b = new FrameCodec();
    const batch1 = [
      { key: 'k', value: 1, ts: 1.7e12 },
      { key: 'j', value: 2, ts: 1.7e12 + 1 },
    ];
    const batch2 = [{ other: true }, { key: 'x', value: 3, ts: 5 }];
    const f1 = a.encodeData(batch1, null);
    const f2 = a.encodeData(batch2, [1, 2]);
    // Decoded out of order and by a fresh codec.
    expect(b.decodeData(f2)).toEqual([batch2, [1, 2]]);
    expect(b.decodeData(f1)).toEqual([batch1, null]);
  });

  test('event frames are one byte', () => {
    expect([...new FrameCodec().encodeEvent(FrameType.END_OF_PARTITION)]).toEqual([FrameType.END_OF_PARTITION]);
  });

  test('watermark and status frames round-trip, also when the frame is a view into a larger buffer', () => {
    const codec = new FrameCodec();
    for (const watermark of [Number.NEGATIVE_INFINITY, -1, 0, 1_700_000_000_123, Number.MAX_SAFE_INTEGER]) {
      const frame = codec.encodeWatermark(watermark);
      expect(frame[0]).toBe(FrameType.WATERMARK);
      expect(codec.decodeWatermark(frame)).toBe(watermark);
      const padded = new Uint8Array(frame.length + 3);
      padded.set(frame, 3);
      expect(codec.decodeWatermark(padded.subarray(3))).toBe(watermark);
    }
    expect([...codec.encodeWatermarkStatus(true)]).toEqual([FrameType.WATERMARK_STATUS, 1]);
    expect(codec.decodeWatermarkStatus(codec.encodeWatermarkStatus(true))).toBe(true);
    expect(codec.decodeWatermarkStatus(codec.encodeWatermarkStatus(false))).toBe(false);
  });
});

describe('partitioners', () => {
  const context = (subtaskIndex: number, numChannels: number) => ({
    subtaskIndex,
    numChannels,
    maxParallelism: 128,
    describe: 'test',
  });

  test('rebalance is round robin, starting at the subtask index', () => {
    const select = createChannelSelector({ kind: 'rebalance' }, context(1, 3));
    expect(Array.from({ length: 7 }, () => select('x'))).toEqual([1, 2, 0, 1, 2, 0, 1]);
    const fromFour = createChannelSelector({ kind: 'rebalance' }, context(4, 3));
    expect(Array.from({ length: 3 }, () => fromFour('x'))).toEqual([1, 2, 0]);
  });

  test('forward uses the only channel; broadcast selects all', () => {
    expect(createChannelSelector({ kind: 'forward' }, context(2, 1))('x')).toBe(0);
    expect(createChannelSelector({ kind: 'broadcast' }, context(0, 3))('x')).toBe(BROADCAST);
  });

  test('property: keyGroup sends every key to operatorIndexForKeyGroup of its key group', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer(), fc.boolean()),
        fc
          .integer({ min: 1, max: 1024 })
          .chain((maxP) => fc.tuple(fc.constant(maxP), fc.integer({ min: 1, max: maxP }))),
        (key, [maxP, n]) => {
          const select = createChannelSelector(
            { kind: 'keyGroup', keySelector: (v: { k: typeof key }) => v.k },
            { subtaskIndex: 0, numChannels: n, maxParallelism: maxP, describe: 'test' },
          );
          expect(select({ k: key })).toBe(operatorIndexForKeyGroup(maxP, n, assignToKeyGroup(key, maxP)));
        },
      ),
      { numRuns: 500 },
    );
    // A pinned case: "hello" with 128 key groups over 2 channels.
    const select = createChannelSelector({ kind: 'keyGroup', keySelector: (v: string) => v }, context(0, 2));
    expect(select('hello')).toBe(operatorIndexForKeyGroup(128, 2, assignToKeyGroup('hello', 128)));
  });

  test('a RecordWriter writes a broadcast record into every channel and counts it once', async () => {
    const links = [0, 1].map((index) => link({ batchSize: 1, credits: 4, index }));
    const writer = new RecordWriter(
      0,
      links.map((l) => l.out),
      () => BROADCAST,
    );
    writer.emit('all', undefined);
    await settle();
    expect(writer.recordsOut).toBe(1);
    expect(links.map((l) => queuedBatches(l))).toEqual([[['all']], [['all']]]);
  });

  test('broadcastEvent gives every channel its own copy of the frame, after the records before it', async () => {
    const links = [0, 1].map((index) => link({ batchSize: 10, credits: 4, index }));
    const writer = new RecordWriter(
      0,
      links.map((l) => l.out),
      () => BROADCAST,
    );
    writer.emit('before', undefined);
    // The frames are transferred: sending one buffer to two ports would throw.
    writer.broadcastEvent(links[0]!.codec.encodeWatermark(42));
    await settle();
    for (const l of links) {
      expect(l.input.queue.map((f) => f[0])).toEqual([FrameType.DATA, FrameType.WATERMARK]);
      expect(l.codec.decodeWatermark(l.input.queue[1]!)).toBe(42);
    }
  });
});
