import type { Key } from '@dhara/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/mailbox/index.ts';
import {
  InternalTimerService,
  KeyedStateBackend,
  type ProcessingTimeService,
  type Timer,
  TimerQueue,
} from '../../src/state/index.ts';

const MAX_PARALLELISM = 128;

function drain(queue: TimerQueue, time: number): [number, Key, string][] {
  const fired: [number, Key, string][] = [];
  for (let t = queue.pollDue(time); t !== undefined; t = queue.pollDue(time))
    fired.push([t.timestamp, t.key, t.namespace]);
  return fired;
}

describe('TimerQueue', () => {
  test('deduplicates per (key, namespace, time)', () => {
    const q = new TimerQueue();
    expect(q.add(10, 'a', 'w')).toBe(true);
    expect(q.add(10, 'a', 'w')).toBe(false);
    expect(q.add(10, 'b', 'w')).toBe(true);
    expect(q.add(10, 'a', 'v')).toBe(true);
    expect(q.add(11, 'a', 'w')).toBe(true);
    expect(q.add(10, 1, 'w')).toBe(true); // the number 1 is not the string '1'
    expect(q.add(10, '1', 'w')).toBe(true);
    expect(q.size).toBe(6);
    expect(drain(q, 100)).toEqual([
      [10, 'a', 'w'],
      [10, 'b', 'w'],
      [10, 'a', 'v'],
      [10, 1, 'w'],
      [10, '1', 'w'],
      [11, 'a', 'w'],
    ]);
    expect(q.size).toBe(0);
  });

  test('fires in time order, ties in registration order, only when due', () => {
    const q = new TimerQueue();
    for (const [t, k] of [
      [30, 'a'],
      [10, 'b'],
      [20, 'c'],
      [10, 'a'],
      [20, 'b'],
      [5, 'z'],
    ] as const)
      q.add(t, k, '');
    expect(q.pollDue(4)).toBeUndefined();
    expect(drain(q, 10).map(([t, k]) => `${t}${k}`)).toEqual(['5z', '10b', '10a']);
    expect(drain(q, 25).map(([t, k]) => `${t}${k}`)).toEqual(['20c', '20b']);
    expect(q.peek()?.timestamp).toBe(30);
    expect(drain(q, 30).map(([t, k]) => `${t}${k}`)).toEqual(['30a']);
  });

  test('deleted timers never fire; a timer can be set again after its deletion', () => {
    const q = new TimerQueue();
    q.add(1, 'a', '');
    q.add(2, 'a', '');
    q.add(3, 'a', '');
    q.delete(1, 'a', '');
    q.delete(3, 'a', '');
    q.delete(99, 'a', ''); // unknown: no-op
    expect(q.size).toBe(1);
    expect(q.peek()?.timestamp).toBe(2);
    expect(q.add(3, 'a', '')).toBe(true);
    expect(drain(q, 10)).toEqual([
      [2, 'a', ''],
      [3, 'a', ''],
    ]);
  });

  type QueueOp = { kind: 'add' | 'delete'; time: number; key: number; ns: number } | { kind: 'poll'; time: number };

  test('property: behaves as a sorted-array model', () => {
    const opArb: fc.Arbitrary<QueueOp> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('add' as const),
          time: fc.integer({ min: 0, max: 40 }),
          key: fc.nat(3),
          ns: fc.nat(1),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('delete' as const),
          time: fc.integer({ min: 0, max: 40 }),
          key: fc.nat(3),
          ns: fc.nat(1),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('poll' as const), time: fc.integer({ min: 0, max: 45 }) }),
      },
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
        const q = new TimerQueue();
        let model: { time: number; key: number; ns: string; seq: number }[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op.kind === 'add') {
            const ns = `n${op.ns}`;
            const exists = model.some((m) => m.time === op.time && m.key === op.key && m.ns === ns);
            expect(q.add(op.time, op.key, ns)).toBe(!exists);
            if (!exists) model.push({ time: op.time, key: op.key, ns, seq: seq++ });
          } else if (op.kind === 'delete') {
            const ns = `n${op.ns}`;
            q.delete(op.time, op.key, ns);
            model = model.filter((m) => !(m.time === op.time && m.key === op.key && m.ns === ns));
          } else {
            model.sort((a, b) => a.time - b.time || a.seq - b.seq);
            const due = model.filter((m) => m.time <= op.time);
            model = model.filter((m) => m.time > op.time);
            expect(drain(q, op.time)).toEqual(due.map((m) => [m.time, m.key, m.ns]));
          }
          expect(q.size).toBe(model.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** A ProcessingTimeService over a ManualClock: callbacks run when the clock is advanced past their time. */
function fakeProcessingTime(clock: ManualClock): ProcessingTimeService & { registered: number[] } {
  const registered: number[] = [];
  return {
    registered,
    now: () => clock.now(),
    registerTimer(timestamp, callback) {
      registered.push(timestamp);
      return clock.setTimer(timestamp - clock.now(), callback);
    },
  };
}

function service(clock = new ManualClock(0)) {
  const backend = new KeyedStateBackend({ start: 0, end: MAX_PARALLELISM - 1 }, MAX_PARALLELISM, () => clock.now());
  const time = fakeProcessingTime(clock);
  const fired: { domain: 'event' | 'processing'; timestamp: number; key: Key; ns: string; currentKey: Key }[] = [];
  const timers = new InternalTimerService(
    backend,
    time,
    (t: Timer) =>
      fired.push({
        domain: 'event',
        timestamp: t.timestamp,
        key: t.key,
        ns: t.namespace,
        currentKey: backend.currentKey,
      }),
    (t: Timer) =>
      fired.push({
        domain: 'processing',
        timestamp: t.timestamp,
        key: t.key,
        ns: t.namespace,
        currentKey: backend.currentKey,
      }),
  );
  return { backend, time, timers, fired, clock };
}

describe('InternalTimerService', () => {
  test('advanceWatermark fires exactly the timers at or below the watermark, with their key current', () => {
    const { backend, timers, fired } = service();
    backend.setCurrentKey('a');
    timers.registerEventTimeTimer('w', 100);
    timers.registerEventTimeTimer('w', 100); // duplicate
    timers.registerEventTimeTimer('w', 300);
    backend.setCurrentKey('b');
    timers.registerEventTimeTimer('w', 50);
    timers.registerEventTimeTimer('v', 100);
    timers.registerEventTimeTimer('w', 200);
    timers.deleteEventTimeTimer('w', 200);
    expect(timers.timerCount).toBe(4);
    backend.setCurrentKey('zzz');

    timers.advanceWatermark(99);
    expect(fired).toEqual([{ domain: 'event', timestamp: 50, key: 'b', ns: 'w', currentKey: 'b' }]);
    expect(timers.currentWatermark).toBe(99);
    timers.advanceWatermark(250);
    expect(fired.slice(1)).toEqual([
      { domain: 'event', timestamp: 100, key: 'a', ns: 'w', currentKey: 'a' },
      { domain: 'event', timestamp: 100, key: 'b', ns: 'v', currentKey: 'b' },
    ]);
    timers.advanceWatermark(200); // backwards: nothing
    expect(timers.currentWatermark).toBe(250);
    expect(fired.length).toBe(3);
    timers.advanceWatermark(300);
    expect(fired.slice(3)).toEqual([{ domain: 'event', timestamp: 300, key: 'a', ns: 'w', currentKey: 'a' }]);
    expect(timers.timerCount).toBe(0);
  });

  test('a timer registered by a firing timer at or below the watermark fires in the same advance', () => {
    const clock = new ManualClock(0);
    const backend = new KeyedStateBackend({ start: 0, end: MAX_PARALLELISM - 1 }, MAX_PARALLELISM, () => clock.now());
    const order: number[] = [];
    const timers: InternalTimerService = new InternalTimerService(
      backend,
      fakeProcessingTime(clock),
      (t) => {
        order.push(t.timestamp);
        if (t.timestamp === 10) timers.registerEventTimeTimer('', 15);
      },
      () => {},
    );
    backend.setCurrentKey(1);
    timers.registerEventTimeTimer('', 10);
    timers.registerEventTimeTimer('', 20);
    timers.advanceWatermark(20);
    expect(order).toEqual([10, 15, 20]);
  });

  test('processing-time timers fire only when the clock reaches them, with their key current', () => {
    const { backend, timers, fired, clock } = service(new ManualClock(1_000));
    backend.setCurrentKey('a');
    timers.registerProcessingTimeTimer('', 1_500);
    timers.registerProcessingTimeTimer('', 1_500); // duplicate
    backend.setCurrentKey('b');
    timers.registerProcessingTimeTimer('', 1_200);
    timers.registerProcessingTimeTimer('', 1_800);
    timers.deleteProcessingTimeTimer('', 1_800);
    expect(timers.currentProcessingTime()).toBe(1_000);
    clock.advance(199);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([{ domain: 'processing', timestamp: 1_200, key: 'b', ns: '', currentKey: 'b' }]);
    clock.advance(299);
    expect(fired.length).toBe(1);
    clock.advance(1);
    expect(fired.slice(1)).toEqual([{ domain: 'processing', timestamp: 1_500, key: 'a', ns: '', currentKey: 'a' }]);
    clock.advance(10_000);
    expect(fired.length).toBe(2); // the deleted one never fires
    expect(timers.timerCount).toBe(0);
  });

  test('registering an earlier processing-time timer reschedules the wake-up', () => {
    const { backend, timers, fired, clock, time } = service(new ManualClock(0));
    backend.setCurrentKey('k');
    timers.registerProcessingTimeTimer('', 500);
    timers.registerProcessingTimeTimer('', 800); // later: the wake-up at 500 stays
    expect(time.registered).toEqual([500]);
    timers.registerProcessingTimeTimer('', 100); // earlier: a new wake-up at 100
    expect(time.registered).toEqual([500, 100]);
    expect(clock.pendingTimers).toBe(1); // the one at 500 was cancelled
    clock.advance(100);
    expect(fired.map((f) => f.timestamp)).toEqual([100]);
    expect(time.registered).toEqual([500, 100, 500]); // the next wake-up, for the timer at 500
    clock.advance(1_000);
    expect(fired.map((f) => f.timestamp)).toEqual([100, 500, 800]);
    expect(clock.pendingTimers).toBe(0);
  });

  test('dispose cancels the pending wake-up', () => {
    const { backend, timers, fired, clock } = service();
    backend.setCurrentKey('k');
    timers.registerProcessingTimeTimer('', 10);
    timers.dispose();
    clock.advance(100);
    expect(fired).toEqual([]);
  });

  type ServiceOp =
    | { kind: 'register'; key: number; time: number }
    | { kind: 'delete'; key: number; time: number }
    | { kind: 'watermark'; time: number }
    | { kind: 'clock'; ms: number };

  test('property: event-time and processing-time timers fire as a sorted-array model says', () => {
    const opArb: fc.Arbitrary<ServiceOp & { domain: 'event' | 'processing' }> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('register' as const),
          domain: fc.constantFrom('event' as const, 'processing' as const),
          key: fc.nat(4),
          time: fc.integer({ min: 0, max: 60 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('delete' as const),
          domain: fc.constantFrom('event' as const, 'processing' as const),
          key: fc.nat(4),
          time: fc.integer({ min: 0, max: 60 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('watermark' as const),
          domain: fc.constant('event' as const),
          time: fc.integer({ min: 0, max: 70 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('clock' as const),
          domain: fc.constant('processing' as const),
          ms: fc.integer({ min: 0, max: 20 }),
        }),
      },
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 100 }), (ops) => {
        const { backend, timers, fired, clock } = service(new ManualClock(0));
        type Pending = { t: number; k: number; seq: number };
        const model: { event: Pending[]; processing: Pending[] } = { event: [], processing: [] };
        let seq = 0;
        let watermark = Number.NEGATIVE_INFINITY;
        const expected: { domain: 'event' | 'processing'; timestamp: number; key: Key; ns: string; currentKey: Key }[] =
          [];
        const fireDue = (domain: 'event' | 'processing', upTo: number) => {
          const list = model[domain].sort((a, b) => a.t - b.t || a.seq - b.seq);
          for (const m of list.filter((x) => x.t <= upTo)) {
            expected.push({ domain, timestamp: m.t, key: m.k, ns: 'w', currentKey: m.k });
          }
          model[domain] = list.filter((x) => x.t > upTo);
        };
        for (const op of ops) {
          if (op.kind === 'register' || op.kind === 'delete') {
            backend.setCurrentKey(op.key);
            const list = model[op.domain];
            const has = list.some((m) => m.t === op.time && m.k === op.key);
            if (op.kind === 'register') {
              if (op.domain === 'event') timers.registerEventTimeTimer('w', op.time);
              else timers.registerProcessingTimeTimer('w', op.time);
              if (!has) list.push({ t: op.time, k: op.key, seq: seq++ });
            } else {
              if (op.domain === 'event') timers.deleteEventTimeTimer('w', op.time);
              else timers.deleteProcessingTimeTimer('w', op.time);
              model[op.domain] = list.filter((m) => !(m.t === op.time && m.k === op.key));
            }
          } else if (op.kind === 'watermark') {
            timers.advanceWatermark(op.time);
            if (op.time > watermark) {
              watermark = op.time;
              fireDue('event', op.time);
            }
          } else {
            // The manual clock fires each wake-up at its own time, so processing timers fire in time order.
            clock.advance(op.ms);
            fireDue('processing', clock.now());
          }
          expect(fired).toEqual(expected);
          expect(timers.timerCount).toBe(model.event.length + model.processing.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
