import { MessageChannel } from 'node:worker_threads';
import { afterEach, expect, test } from 'vitest';
import { FrameCodec, InputChannel } from '../../src/network/index.ts';
import { RecordBatchCursor } from '../../src/taskworker/input/index.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function channel() {
  const { port1, port2 } = new MessageChannel();
  const credits: number[] = [];
  port1.on('message', (n: number) => credits.push(n));
  const input = new InputChannel(0, 0, port2, 4, () => {});
  closers.push(() => {
    port1.close();
    input.close();
  });
  return { input, credits };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const busy = (ms: number) => {
  for (const until = performance.now() + ms; performance.now() < until; );
};

test('every record once, in order; the credit goes back once, after the last record', async () => {
  const { input, credits } = channel();
  const values = Array.from({ length: 1000 }, (_, i) => i);
  const cursor = new RecordBatchCursor(values, null, input, true);
  const seen: unknown[] = [];
  while (!cursor.done) {
    cursor.emitSlice((v) => seen.push(v));
    if (!cursor.done) {
      await settle();
      expect(credits).toEqual([]);
    }
  }
  expect(seen).toEqual(values);
  await settle();
  expect(credits).toEqual([1]);
});

test('a slow chain gets about a millisecond per slice, in order, timestamps kept', async () => {
  const { input, credits } = channel();
  const values = Array.from({ length: 64 }, (_, i) => i);
  const timestamps = values.map((v) => 1000 + v);
  const cursor = new RecordBatchCursor(values, timestamps, input, true);
  const seen: [unknown, number | undefined][] = [];
  let slices = 0;
  while (!cursor.done) {
    const n = cursor.emitSlice((v, ts) => {
      seen.push([v, ts]);
      busy(0.2);
    });
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(16);
    slices++;
  }
  expect(slices).toBeGreaterThanOrEqual(4);
  expect(seen).toEqual(values.map((v) => [v, 1000 + v]));
  await settle();
  expect(credits).toEqual([1]);
});

test('pushBackRest puts the records not yet emitted back at the front of the channel as one frame', async () => {
  const { input, credits } = channel();
  const codec = new FrameCodec();
  input.replay.push(codec.encodeData(['restored'], null));
  const cursor = new RecordBatchCursor(
    Array.from({ length: 40 }, (_, i) => i),
    null,
    input,
    true,
  );
  cursor.emitSlice(() => busy(0.2)); // 16 records: then the millisecond is up
  cursor.pushBackRest(codec);
  expect(cursor.done).toBe(true);
  expect(input.replay).toHaveLength(2);
  expect(codec.decodeData(input.replay[0]!)[0]).toEqual(Array.from({ length: 24 }, (_, i) => 16 + i));
  expect(codec.decodeData(input.replay[1]!)[0]).toEqual(['restored']);
  await settle();
  expect(credits).toEqual([1]);
});
