import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { CheckpointingMode } from '@dhara/core';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { type CheckpointBarrier, FrameCodec, FrameType, InputChannel, InputGate } from '../../src/network/index.ts';
import { BarrierHandler } from '../../src/taskworker/checkpointing/BarrierHandler.ts';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

const codec = new FrameCodec();
/** A timestamp in the future, so the start delay is exactly 0. */
const FUTURE = Date.now() + 1e9;
const barrier = (checkpointId: number, timestamp = FUTURE): CheckpointBarrier => ({
  checkpointId,
  timestamp,
  kind: 'checkpoint',
});

/** A gate over `n` real channels; frames are pushed straight into the channels' queues. */
function setup(n: number, mode: CheckpointingMode) {
  const channels = Array.from({ length: n }, (_, i) => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    return new InputChannel(i, 0, port2, 16, () => {});
  });
  const gate = new InputGate(channels);
  const clock = { now: 0 };
  const events: string[] = [];
  const handler = new BarrierHandler(gate, mode, () => clock.now, {
    triggerCheckpointOnBarrier: (b, alignmentMs, startDelayMs) =>
      events.push(`trigger ${b.checkpointId} alignment=${alignmentMs} delay=${startDelayMs}`),
    abortCheckpointOnBarrier: (id, reason, subsumed) =>
      events.push(`abort ${id}: ${reason}${subsumed === true ? ' (subsumed)' : ''}`),
  });
  const blocked = () => channels.filter((c) => c.blocked).map((c) => c.index);
  /** Everything the gate hands out now, as [channel index, record value]. */
  const drain = (): [number, unknown][] => {
    const out: [number, unknown][] = [];
    for (let polled = gate.poll(); polled !== undefined; polled = gate.poll()) {
      const frame = polled.frame;
      out.push([polled.channel.index, frame[0] === FrameType.DATA ? codec.decodeData(frame)[0][0] : frame[0]]);
    }
    return out;
  };
  const push = (channel: number, value: unknown) => channels[channel]!.queue.push(codec.encodeData([value], null));
  return { channels, gate, clock, events, handler, blocked, drain, push };
}

describe('BarrierHandler, exactly-once (aligned)', () => {
  test('blocks each channel whose barrier arrived until all have, triggers once with the alignment, unblocks', () => {
    const t = setup(3, 'exactly-once');
    for (let c = 0; c < 3; c++) t.push(c, `before-${c}`);
    t.clock.now = 10;
    t.handler.processBarrier(1, barrier(1));
    expect(t.blocked()).toEqual([1]);
    expect(t.handler.alignmentInProgress).toBe(true);
    t.push(1, 'after-1');
    // The gate skips the blocked channel: only channels 0 and 2 deliver.
    expect(t.drain()).toEqual([
      [0, 'before-0'],
      [2, 'before-2'],
    ]);
    t.clock.now = 15;
    t.handler.processBarrier(0, barrier(1));
    expect(t.blocked()).toEqual([0, 1]);
    t.push(0, 'after-0');
    expect(t.drain()).toEqual([]);
    expect(t.events).toEqual([]);
    t.clock.now = 35;
    t.handler.processBarrier(2, barrier(1));
    expect(t.events).toEqual(['trigger 1 alignment=25 delay=0']);
    expect(t.blocked()).toEqual([]);
    expect(t.handler.alignmentInProgress).toBe(false);
    // Now the held-back frames flow, each channel's in its own order.
    const rest = t.drain();
    expect(rest.filter(([c]) => c === 1).map(([, v]) => v)).toEqual(['before-1', 'after-1']);
    expect(rest.filter(([c]) => c === 0).map(([, v]) => v)).toEqual(['after-0']);
    expect(rest).toHaveLength(3);
  });

  test('a single channel triggers at once with alignment 0 and is not left blocked', () => {
    const t = setup(1, 'exactly-once');
    t.clock.now = 5;
    t.handler.processBarrier(0, barrier(4));
    expect(t.events).toEqual(['trigger 4 alignment=0 delay=0']);
    expect(t.blocked()).toEqual([]);
  });

  test('the start delay is measured from the barrier timestamp', () => {
    const t = setup(1, 'exactly-once');
    const before = Date.now();
    t.handler.processBarrier(0, barrier(1, before - 5_000));
    const delay = Number(/delay=(\d+)/.exec(t.events[0]!)![1]);
    expect(delay).toBeGreaterThanOrEqual(5_000);
    expect(delay).toBeLessThan(5_000 + (Date.now() - before) + 50);
  });

  test('a repeated barrier on the same channel does not stand in for another channel', () => {
    const t = setup(2, 'exactly-once');
    t.handler.processBarrier(0, barrier(1));
    t.handler.processBarrier(0, barrier(1));
    expect(t.events).toEqual([]);
    expect(t.blocked()).toEqual([0]);
    t.handler.processBarrier(1, barrier(1));
    expect(t.events).toEqual(['trigger 1 alignment=0 delay=0']);
  });

  test('a newer barrier aborts the unfinished alignment (with the old id) and starts the new one', () => {
    const t = setup(3, 'exactly-once');
    t.clock.now = 100;
    t.handler.processBarrier(0, barrier(1));
    t.handler.processBarrier(1, barrier(1));
    t.clock.now = 130;
    t.handler.processBarrier(2, barrier(2));
    expect(t.events).toEqual(['abort 1: barrier 2 arrived before alignment of 1 finished (subsumed)']);
    // Only the channel that delivered barrier 2 is held back now.
    expect(t.blocked()).toEqual([2]);
    expect(t.handler.alignmentInProgress).toBe(true);
    // A late barrier 1 (the one channel 2 never sent) is ignored.
    t.handler.processBarrier(2, barrier(1));
    expect(t.blocked()).toEqual([2]);
    t.clock.now = 140;
    t.handler.processBarrier(0, barrier(2));
    t.clock.now = 170;
    t.handler.processBarrier(1, barrier(2));
    expect(t.events).toEqual([
      'abort 1: barrier 2 arrived before alignment of 1 finished (subsumed)',
      'trigger 2 alignment=40 delay=0',
    ]);
    expect(t.blocked()).toEqual([]);
  });

  test('a newer barrier after a finished alignment aborts nothing', () => {
    const t = setup(2, 'exactly-once');
    t.handler.processBarrier(0, barrier(1));
    t.handler.processBarrier(1, barrier(1));
    t.handler.processBarrier(1, barrier(2));
    t.handler.processBarrier(0, barrier(2));
    expect(t.events).toEqual(['trigger 1 alignment=0 delay=0', 'trigger 2 alignment=0 delay=0']);
  });

  test('an old barrier is ignored: no block, no trigger, no abort', () => {
    const t = setup(2, 'exactly-once');
    t.handler.processBarrier(0, barrier(5));
    t.handler.processBarrier(1, barrier(5));
    t.events.length = 0;
    t.handler.processBarrier(0, barrier(3));
    t.handler.processBarrier(1, barrier(3));
    // A late barrier of the checkpoint just taken, too.
    t.handler.processBarrier(0, barrier(5));
    expect(t.events).toEqual([]);
    expect(t.blocked()).toEqual([]);
    expect(t.handler.alignmentInProgress).toBe(false);
  });

  test('a cancel marker aborts the alignment, unblocks, and the rest of its barriers are ignored', () => {
    const t = setup(3, 'exactly-once');
    t.handler.processBarrier(0, barrier(3));
    t.handler.processBarrier(1, barrier(3));
    t.handler.processCancel(3);
    expect(t.events).toEqual(['abort 3: an upstream task declined it']);
    expect(t.blocked()).toEqual([]);
    expect(t.handler.alignmentInProgress).toBe(false);
    t.handler.processBarrier(2, barrier(3));
    t.handler.processCancel(3); // a second cancel of the same checkpoint (another channel): nothing more
    expect(t.events).toEqual(['abort 3: an upstream task declined it']);
    expect(t.blocked()).toEqual([]);
    // The next checkpoint aligns normally.
    for (let c = 0; c < 3; c++) t.handler.processBarrier(c, barrier(4));
    expect(t.events.at(-1)).toBe('trigger 4 alignment=0 delay=0');
  });

  test('a cancel marker of a checkpoint not yet seen aborts it, and its later barriers are ignored', () => {
    const t = setup(2, 'exactly-once');
    t.handler.processCancel(7);
    expect(t.events).toEqual(['abort 7: an upstream task declined it']);
    t.handler.processBarrier(0, barrier(7));
    t.handler.processBarrier(1, barrier(7));
    t.handler.processCancel(6); // older: ignored
    expect(t.events).toEqual(['abort 7: an upstream task declined it']);
    expect(t.blocked()).toEqual([]);
  });

  test('the coordinator aborting the checkpoint (abort(id)) releases the channels without output', () => {
    const t = setup(2, 'exactly-once');
    t.handler.processBarrier(0, barrier(2));
    t.handler.notifyCheckpointAborted(1); // another checkpoint: no effect
    expect(t.blocked()).toEqual([0]);
    t.handler.notifyCheckpointAborted(2);
    expect(t.blocked()).toEqual([]);
    expect(t.handler.alignmentInProgress).toBe(false);
    t.handler.processBarrier(1, barrier(2));
    expect(t.events).toEqual([]);
  });

  test('a finished channel counts as aligned', () => {
    const t = setup(3, 'exactly-once');
    t.channels[2]!.finished = true;
    t.handler.processBarrier(0, barrier(1));
    expect(t.events).toEqual([]);
    t.handler.processBarrier(1, barrier(1));
    expect(t.events).toEqual(['trigger 1 alignment=0 delay=0']);
  });

  test('a channel that ends (END_OF_PARTITION through the gate) during alignment completes it', () => {
    const t = setup(2, 'exactly-once');
    t.clock.now = 1;
    t.handler.processBarrier(0, barrier(1));
    t.channels[1]!.queue.push(codec.encodeEvent(FrameType.END_OF_PARTITION));
    t.clock.now = 9;
    const polled = t.gate.poll();
    expect(polled?.channel.index).toBe(1);
    expect(t.channels[1]!.finished).toBe(true);
    expect(t.events).toEqual([]);
    t.handler.channelFinished();
    expect(t.events).toEqual(['trigger 1 alignment=8 delay=0']);
    expect(t.blocked()).toEqual([]);
  });

  test('any arrival order: channels block exactly as their barriers arrive, one trigger after the last', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })),
          ),
        ([n, order]) => {
          const t = setup(n, 'exactly-once');
          try {
            order.forEach((channel, i) => {
              t.clock.now = i * 10;
              t.handler.processBarrier(channel, barrier(1));
              if (i < n - 1) {
                expect(t.blocked()).toEqual(order.slice(0, i + 1).sort((a, b) => a - b));
                expect(t.events).toEqual([]);
              }
            });
            expect(t.events).toEqual([`trigger 1 alignment=${(n - 1) * 10} delay=0`]);
            expect(t.blocked()).toEqual([]);
          } finally {
            for (const p of ports.splice(0)) p.close();
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('BarrierHandler, at-least-once', () => {
  test('never blocks, and triggers when the last barrier arrives', () => {
    const t = setup(3, 'at-least-once');
    for (let c = 0; c < 3; c++) t.push(c, `before-${c}`);
    t.clock.now = 10;
    t.handler.processBarrier(2, barrier(1));
    t.push(2, 'after-2');
    expect(t.blocked()).toEqual([]);
    // Records after the barrier on channel 2 are processed before the checkpoint.
    expect(t.drain().filter(([c]) => c === 2)).toEqual([
      [2, 'before-2'],
      [2, 'after-2'],
    ]);
    t.clock.now = 20;
    t.handler.processBarrier(0, barrier(1));
    expect(t.events).toEqual([]);
    expect(t.blocked()).toEqual([]);
    t.clock.now = 42;
    t.handler.processBarrier(1, barrier(1));
    expect(t.events).toEqual(['trigger 1 alignment=32 delay=0']);
    expect(t.blocked()).toEqual([]);
  });

  test('a finished channel counts, old barriers are ignored, a cancel aborts', () => {
    const t = setup(2, 'at-least-once');
    t.channels[0]!.finished = true;
    t.handler.processBarrier(1, barrier(2));
    t.handler.processBarrier(1, barrier(1));
    t.handler.processCancel(3);
    expect(t.events).toEqual(['trigger 2 alignment=0 delay=0', 'abort 3: an upstream task declined it']);
    expect(t.blocked()).toEqual([]);
  });
});
