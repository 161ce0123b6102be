import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/mailbox/index.ts';
import {
  type CheckpointBarrier,
  FrameCodec,
  FrameType,
  InputChannel,
  InputGate,
  OutputChannel,
} from '../../src/network/index.ts';
import { BarrierHandler } from '../../src/taskworker/checkpointing/BarrierHandler.ts';
import { ChannelStateRescaleError, restoreChannelState } from '../../src/taskworker/checkpointing/index.ts';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

const codec = new FrameCodec();
const START = 1_000_000;
const barrier = (checkpointId: number, timestamp = START): CheckpointBarrier => ({
  checkpointId,
  timestamp,
  kind: 'checkpoint',
});
const data = (value: unknown) => codec.encodeData([value], null);
const valueIn = (frame: Uint8Array) => codec.decodeData(frame)[0][0];
/** Lets the ports deliver what was posted. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 20));

function channelPair(index: number, credits = 4) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  return { sender: port1, channel: new InputChannel(index, 0, port2, credits, () => {}) };
}

function setup(n: number, alignedTimeoutMs: number) {
  const pairs = Array.from({ length: n }, (_, i) => channelPair(i));
  const gate = new InputGate(pairs.map((p) => p.channel));
  const clock = new ManualClock(START);
  const events: string[] = [];
  const states: Record<number, unknown[]>[] = [];
  const handler = new BarrierHandler(
    gate,
    'exactly-once',
    () => clock.now(),
    {
      triggerCheckpointOnBarrier: (b, _alignmentMs, _delay, unaligned) =>
        events.push(`trigger ${b.checkpointId} ${unaligned === true ? 'unaligned' : 'aligned'}`),
      abortCheckpointOnBarrier: (id) => events.push(`abort ${id}`),
    },
    {
      enabled: true,
      alignedTimeoutMs,
      clock,
      codec,
      channelStateWriter: {
        finishInputChannelState: (id, inputs) => {
          events.push(`channel state ${id}`);
          const decoded: Record<number, unknown[]> = {};
          for (const [i, frames] of Object.entries(inputs)) decoded[Number(i)] = frames.map(valueIn);
          states.push(decoded);
        },
      },
    },
  );
  return { pairs, gate, clock, events, states, handler };
}

describe('the aligned checkpoint timeout (alternating aligned/unaligned)', () => {
  test('switches to unaligned only once alignment outlives the timeout, counted from the barrier timestamp', async () => {
    const t = setup(2, 100);
    t.pairs[1]!.channel.queue.push(data('queued-1'));
    t.clock.advance(30); // the barrier reaches this task 30 ms after the checkpoint started
    t.handler.processBarrier(0, barrier(1));
    expect(t.events).toEqual([]);
    expect(t.pairs[0]!.channel.blocked).toBe(true);
    t.clock.advance(69); // 99 ms after the start: still aligned
    expect(t.events).toEqual([]);
    t.clock.advance(1); // 100 ms: the switch
    expect(t.events).toEqual(['trigger 1 unaligned']);
    expect(t.pairs[0]!.channel.blocked).toBe(false);
    // Channel 1 has not delivered its barrier: what is queued, and what arrives before its barrier, is recorded.
    t.pairs[1]!.sender.postMessage(data('in-flight-1'));
    t.pairs[1]!.sender.postMessage(codec.encodeBarrier(barrier(1)));
    t.pairs[1]!.sender.postMessage(data('after-1'));
    await delivered();
    // The barrier is taken ahead of the two data frames before it.
    const polled = t.gate.poll()!;
    expect(polled.frame[0]).toBe(FrameType.CHECKPOINT_BARRIER);
    t.handler.processBarrier(1, codec.decodeBarrier(polled.frame), false, polled.overtaken);
    expect(t.events).toEqual(['trigger 1 unaligned', 'channel state 1']);
    expect(t.states).toEqual([{ 1: ['queued-1', 'in-flight-1'] }]);
  });

  test('an alignment that finishes within the timeout stays aligned, and its timer is cancelled', () => {
    const t = setup(2, 100);
    t.clock.advance(10);
    t.handler.processBarrier(0, barrier(1));
    t.clock.advance(80);
    t.handler.processBarrier(1, barrier(1));
    expect(t.events).toEqual(['trigger 1 aligned']);
    expect(t.clock.pendingTimers).toBe(0);
    t.clock.advance(1_000);
    expect(t.events).toEqual(['trigger 1 aligned']);
  });

  test('a barrier that arrives already late goes unaligned at once', () => {
    const t = setup(2, 100);
    t.clock.advance(150);
    t.handler.processBarrier(0, barrier(1));
    expect(t.events).toEqual(['trigger 1 unaligned']);
  });

  test('a savepoint stays aligned whatever the timeout', () => {
    const t = setup(2, 100);
    t.handler.processBarrier(0, { ...barrier(1), kind: 'savepoint' });
    t.clock.advance(1_000);
    expect(t.events).toEqual([]);
    t.handler.processBarrier(1, { ...barrier(1), kind: 'savepoint' });
    expect(t.events).toEqual(['trigger 1 aligned']);
  });

  test('an announced barrier (queued behind data, not yet processed) starts the timeout', async () => {
    const t = setup(2, 100);
    t.pairs[0]!.sender.postMessage(data('before-0'));
    t.pairs[0]!.sender.postMessage(codec.encodeBarrier(barrier(1)));
    await delivered();
    t.clock.advance(100);
    expect(t.events).toEqual(['trigger 1 unaligned']);
    // Its barrier was marked urgent: the gate hands it out ahead of the frame before it.
    const polled = t.gate.poll()!;
    expect(polled.frame[0]).toBe(FrameType.CHECKPOINT_BARRIER);
    t.handler.processBarrier(0, codec.decodeBarrier(polled.frame), false, polled.overtaken);
    expect(t.events).toEqual(['trigger 1 unaligned']);
    t.pairs[1]!.sender.postMessage(codec.encodeBarrier(barrier(1), true));
    await delivered();
    const second = t.gate.poll()!;
    t.handler.processBarrier(1, codec.decodeBarrier(second.frame), true, second.overtaken);
    expect(t.events).toEqual(['trigger 1 unaligned', 'channel state 1']);
    expect(t.states).toEqual([{ 0: ['before-0'] }]);
  });
});

describe('channel state capture', () => {
  test('sender: a priority barrier overtakes the backlog without credit; the overtaken frames are returned', async () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const received: Uint8Array[] = [];
    port2.on('message', (frame: Uint8Array) => received.push(frame));
    const output = new OutputChannel(port1, codec, 2, 0, () => {}, { now: 0 });
    for (let i = 0; i < 5; i++) output.push(i, undefined); // two full batches in the backlog, one record pending
    expect(output.backlogSize).toBe(2);
    const overtaken = output.sendPriorityEvent(codec.encodeBarrier(barrier(1), true));
    expect(overtaken.map((f) => codec.decodeData(f)[0])).toEqual([[0, 1], [2, 3], [4]]);
    await delivered();
    expect(received.map((f) => f[0])).toEqual([FrameType.PRIORITY_BARRIER]);
    // The overtaken frames still go out, after the barrier, once credit comes.
    port2.postMessage(3);
    await delivered();
    expect(received.slice(1).map((f) => codec.decodeData(f)[0])).toEqual([[0, 1], [2, 3], [4]]);
    port2.removeAllListeners('message');
  });

  test('receiver: a priority barrier beyond the credit is taken ahead of the queued frames, which it reports', async () => {
    const t = setup(2, 0);
    const { sender, channel } = t.pairs[0]!;
    for (let i = 0; i < 3; i++) sender.postMessage(data(`queued-${i}`));
    sender.postMessage(codec.encodeBarrier(barrier(1), true));
    sender.postMessage(data('after')); // the whole credit is used, and the barrier came on top of it
    await delivered();
    expect(channel.violation).toBeUndefined();
    const polled = t.gate.poll()!;
    expect(polled.frame[0]).toBe(FrameType.PRIORITY_BARRIER);
    expect(polled.credit).toBe(false);
    expect(polled.overtaken!.map(valueIn)).toEqual(['queued-0', 'queued-1', 'queued-2']);
    t.handler.processBarrier(0, codec.decodeBarrier(polled.frame), true, polled.overtaken);
    expect(t.events).toEqual(['trigger 1 unaligned']);
    // The overtaken frames are still processed, in order, and the one after the barrier too.
    const rest: unknown[] = [];
    for (let p = t.gate.poll(); p !== undefined; p = t.gate.poll()) rest.push(valueIn(p.frame));
    expect(rest).toEqual(['queued-0', 'queued-1', 'queued-2', 'after']);
  });

  test('frames that arrive on other channels before their (late) barriers are recorded, watermarks are not', async () => {
    const t = setup(3, 0);
    t.pairs[1]!.channel.queue.push(data('queued-1'));
    t.handler.processBarrier(0, barrier(1), true, []);
    expect(t.events).toEqual(['trigger 1 unaligned']);
    t.pairs[1]!.sender.postMessage(data('late-1'));
    t.pairs[1]!.sender.postMessage(codec.encodeWatermark(5));
    t.pairs[2]!.sender.postMessage(data('late-2'));
    t.pairs[1]!.sender.postMessage(codec.encodeBarrier(barrier(1), true));
    t.pairs[1]!.sender.postMessage(data('after-1'));
    t.pairs[2]!.sender.postMessage(data('late-2b'));
    await delivered();
    const urgent = t.gate.pollUrgent()!;
    t.handler.processBarrier(urgent.channel.index, codec.decodeBarrier(urgent.frame), true, urgent.overtaken);
    expect(t.events).toEqual(['trigger 1 unaligned']);
    t.pairs[2]!.sender.postMessage(codec.encodeBarrier(barrier(1), true));
    t.pairs[2]!.sender.postMessage(data('after-2'));
    await delivered();
    const last = t.gate.pollUrgent()!;
    t.handler.processBarrier(last.channel.index, codec.decodeBarrier(last.frame), true, last.overtaken);
    expect(t.events).toEqual(['trigger 1 unaligned', 'channel state 1']);
    expect(t.states).toEqual([{ 1: ['queued-1', 'late-1'], 2: ['late-2', 'late-2b'] }]);
  });

  test('a newer barrier gives up the unaligned checkpoint in progress and stops recording', async () => {
    const t = setup(2, 0);
    t.handler.processBarrier(0, barrier(1), true, []);
    t.handler.processBarrier(0, barrier(2), true, []);
    expect(t.events).toEqual(['trigger 1 unaligned', 'abort 1', 'trigger 2 unaligned']);
    t.pairs[1]!.sender.postMessage(data('x'));
    t.pairs[1]!.sender.postMessage(codec.encodeBarrier(barrier(2), true));
    await delivered();
    const urgent = t.gate.pollUrgent()!;
    t.handler.processBarrier(1, codec.decodeBarrier(urgent.frame), true, urgent.overtaken);
    expect(t.states).toEqual([{ 1: ['x'] }]);
  });
});

describe('restoring channel state', () => {
  test('input frames come first and return no credit; output frames go out before new output', async () => {
    const input = channelPair(0);
    const credits: number[] = [];
    input.sender.on('message', (n: number) => credits.push(n));
    const gate = new InputGate([input.channel]);
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const sent: Uint8Array[] = [];
    port2.on('message', (f: Uint8Array) => sent.push(f));
    const output = new OutputChannel(port1, codec, 1, 4, () => {}, { now: 0 });
    input.channel.queue.push(data('new'));
    restoreChannelState(
      { inputChannels: 1, outputChannels: 1, inputs: { 0: [data('old-in')] }, outputs: { 0: [data('old-out')] } },
      [input.channel],
      [output],
      'task',
    );
    output.push('new-out', undefined);
    const first = gate.poll()!;
    expect([valueIn(first.frame), first.credit]).toEqual(['old-in', false]);
    expect(valueIn(gate.poll()!.frame)).toBe('new');
    await delivered();
    expect(sent.map(valueIn)).toEqual(['old-out', 'new-out']);
    input.sender.removeAllListeners('message');
    port2.removeAllListeners('message');
  });

  test('channel state recorded with another number of channels (another parallelism) is refused', () => {
    const input = channelPair(0);
    const state = { inputChannels: 2, outputChannels: 0, inputs: { 1: [data('x')] }, outputs: {} };
    expect(() => restoreChannelState(state, [input.channel], [], 'Map (1/1)')).toThrow(ChannelStateRescaleError);
    expect(() => restoreChannelState(state, [input.channel], [], 'Map (1/1)')).toThrow(/another parallelism/);
    // Without in-flight data there is nothing to put back: any topology is fine.
    expect(() => restoreChannelState({ ...state, inputs: {} }, [input.channel], [], 'Map (1/1)')).not.toThrow();
  });
});
