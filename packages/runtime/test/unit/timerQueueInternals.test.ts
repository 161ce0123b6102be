import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TimeHeap } from '../../src/state/TimeHeap.ts';
import { TimerIndex } from '../../src/state/TimerIndex.ts';
import { TimerQueue } from '../../src/state/TimerQueue.ts';

describe('TimerIndex', () => {
  const item = (timestamp: number) => ({ timestamp });

  test('finds by (namespace, key, timestamp); one timestamp bare, more in a map; keys compare as in a Map', () => {
    const index = new TimerIndex<{ timestamp: number }>();
    const a = item(10);
    index.add('k', 'w', a);
    expect(index.get(10, 'k', 'w')).toBe(a);
    expect(index.get(11, 'k', 'w')).toBeUndefined();
    expect(index.get(10, 'k', 'v')).toBeUndefined();
    expect(index.get(10, 'j', 'w')).toBeUndefined();
    const b = item(11);
    index.add('k', 'w', b); // a second timestamp for (w, k)
    const one = item(10);
    index.add(1, 'w', one);
    expect(index.get(10, '1', 'w')).toBeUndefined();
    expect(index.get(10, 1, 'w')).toBe(one);
    expect([index.get(10, 'k', 'w'), index.get(11, 'k', 'w')]).toEqual([a, b]);
    expect(index.size).toBe(3);
    expect(index.delete(12, 'k', 'w')).toBeUndefined();
    expect(index.delete(10, 'k', 'w')).toBe(a);
    expect(index.delete(10, 'k', 'w')).toBeUndefined();
    expect(index.get(11, 'k', 'w')).toBe(b);
    expect(index.delete(11, 'k', 'w')).toBe(b);
    expect(index.delete(10, 1, 'w')).toBe(one);
    expect(index.size).toBe(0);
    index.add('k', 'w', a); // the emptied maps were dropped and come back
    expect(index.get(10, 'k', 'w')).toBe(a);
  });

  test('property: behaves as a map by string id', () => {
    const op = fc.record({
      add: fc.boolean(),
      time: fc.integer({ min: 0, max: 5 }),
      key: fc.constantFrom<string | number>(0, 1, '1', 'a'),
      ns: fc.constantFrom('', 'w', 'v'),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const index = new TimerIndex<{ timestamp: number }>();
        const model = new Map<string, { timestamp: number }>();
        for (const { add, time, key, ns } of ops) {
          const id = `${time}|${typeof key}|${key}|${ns}`;
          if (add) {
            expect(index.get(time, key, ns)).toBe(model.get(id));
            if (!model.has(id)) {
              const it = item(time);
              model.set(id, it);
              index.add(key, ns, it);
            }
          } else {
            expect(index.delete(time, key, ns)).toBe(model.get(id));
            model.delete(id);
          }
          expect(index.size).toBe(model.size);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('TimeHeap', () => {
  test('property: pops in ascending order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(null)), { maxLength: 100 }),
        (ops) => {
          const heap = new TimeHeap();
          const model: number[] = [];
          for (const op of ops) {
            if (op === null) {
              if (model.length === 0) continue;
              model.sort((a, b) => a - b);
              expect(heap.min).toBe(model[0]);
              expect(heap.pop()).toBe(model.shift());
            } else {
              heap.push(op);
              model.push(op);
            }
            expect(heap.size).toBe(model.length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('TimerQueue buckets', () => {
  const drainKeys = (q: TimerQueue, time: number): string[] => {
    const out: string[] = [];
    for (let t = q.pollDue(time); t !== undefined; t = q.pollDue(time)) out.push(`${t.timestamp}${String(t.key)}`);
    return out;
  };

  test('a timer added at its bucket time while that bucket fires comes after it; an earlier one comes first', () => {
    const q = new TimerQueue();
    q.add(10, 'a', '');
    q.add(10, 'b', '');
    q.add(20, 'c', '');
    expect(q.pollDue(30)?.key).toBe('a');
    q.add(10, 'x', ''); // same time as the firing bucket: after b
    q.add(5, 'y', ''); // earlier: next
    expect(drainKeys(q, 30)).toEqual(['5y', '10b', '10x', '20c']);
  });

  test('a bucket whose timers were all deleted is skipped, and its time can be used again', () => {
    const q = new TimerQueue();
    q.add(10, 'a', '');
    q.add(20, 'b', '');
    q.delete(10, 'a', '');
    expect(q.peek()?.key).toBe('b');
    q.add(10, 'c', '');
    expect(q.peek()?.key).toBe('c');
    expect(drainKeys(q, 30)).toEqual(['10c', '20b']);
    expect(q.size).toBe(0);
  });

  test('many deletions in one bucket: it is compacted, order and counts hold', () => {
    const q = new TimerQueue();
    for (let k = 0; k < 100; k++) q.add(7, k, '');
    for (let k = 0; k < 100; k++) if (k % 10 !== 3) q.delete(7, k, '');
    for (let round = 0; round < 50; round++) {
      q.add(7, 'again', ''); // set and delete again and again: no growth
      q.delete(7, 'again', '');
    }
    expect(q.size).toBe(10);
    expect(q.all().map((t) => t.key)).toEqual([3, 13, 23, 33, 43, 53, 63, 73, 83, 93]);
    expect(drainKeys(q, 7)).toEqual([3, 13, 23, 33, 43, 53, 63, 73, 83, 93].map((k) => `7${k}`));
  });

  test('all() lists live timers in registration order, across buckets', () => {
    const q = new TimerQueue();
    q.add(30, 'a', '');
    q.add(10, 'b', '');
    q.add(30, 'c', '');
    q.add(20, 'd', '');
    q.delete(30, 'a', '');
    q.add(30, 'a', ''); // set again: now the last one
    expect(q.pollDue(10)?.key).toBe('b');
    expect(q.all().map((t) => `${t.timestamp}${String(t.key)}`)).toEqual(['30c', '20d', '30a']);
  });
});
