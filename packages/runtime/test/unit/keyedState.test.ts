import {
  type AggregateFunction,
  aggregatingState,
  type Key,
  listState,
  mapState,
  reducingState,
  type StateTtlConfig,
  valueState,
} from '@dhara/core';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/mailbox/index.ts';
import {
  assignToKeyGroup,
  KeyedStateBackend,
  KeyGroupMismatchError,
  keyedStateStore,
  keyGroupRangeForSubtask,
} from '../../src/state/index.ts';

const MAX_PARALLELISM = 128;

function setup(range = { start: 0, end: MAX_PARALLELISM - 1 }) {
  const clock = new ManualClock(10_000);
  const backend = new KeyedStateBackend(range, MAX_PARALLELISM, () => clock.now());
  const store = keyedStateStore(backend, 'test-operator');
  return { clock, backend, store };
}

const average: AggregateFunction<number, { sum: number; n: number }, number> = {
  createAccumulator: () => ({ sum: 0, n: 0 }),
  add: (v, acc) => ({ sum: acc.sum + v, n: acc.n + 1 }),
  getResult: (acc) => acc.sum / acc.n,
  merge: (a, b) => ({ sum: a.sum + b.sum, n: a.n + b.n }),
};

describe('keyed state per key', () => {
  test('value state, with its default', () => {
    const { backend, store } = setup();
    const count = store.getState(valueState<number>('count', { defaultValue: 0 }));
    const plain = store.getState(valueState<string>('plain'));
    backend.setCurrentKey('a');
    expect(count.value()).toBe(0);
    expect(plain.value()).toBeUndefined();
    count.update(5);
    plain.update('x');
    backend.setCurrentKey('b');
    expect(count.value()).toBe(0);
    count.update(7);
    backend.setCurrentKey('a');
    expect(count.value()).toBe(5);
    expect(plain.value()).toBe('x');
    count.clear();
    expect(count.value()).toBe(0);
    backend.setCurrentKey('b');
    expect(count.value()).toBe(7);
  });

  test('list state', () => {
    const { backend, store } = setup();
    const list = store.getListState(listState<number>('list'));
    backend.setCurrentKey(1);
    expect(list.get()).toEqual([]);
    list.add(1);
    list.addAll([2, 3]);
    backend.setCurrentKey(2);
    list.add(10);
    backend.setCurrentKey(1);
    const read = list.get();
    read.push(99); // a copy: does not change the state
    expect(list.get()).toEqual([1, 2, 3]);
    list.update([4]);
    expect(list.get()).toEqual([4]);
    backend.setCurrentKey(2);
    expect(list.get()).toEqual([10]);
    list.clear();
    expect(list.get()).toEqual([]);
  });

  test('map state', () => {
    const { backend, store } = setup();
    const map = store.getMapState(mapState<string, number>('map'));
    backend.setCurrentKey('a');
    expect(map.isEmpty()).toBe(true);
    map.put('x', 1);
    map.put('y', 2);
    backend.setCurrentKey('b');
    expect(map.get('x')).toBeUndefined();
    map.put('x', 100);
    backend.setCurrentKey('a');
    expect(map.get('x')).toBe(1);
    expect(map.contains('y')).toBe(true);
    expect(map.entries()).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
    expect(map.keys()).toEqual(['x', 'y']);
    expect(map.values()).toEqual([1, 2]);
    map.remove('x');
    expect(map.keys()).toEqual(['y']);
    map.clear();
    expect(map.isEmpty()).toBe(true);
    backend.setCurrentKey('b');
    expect(map.entries()).toEqual([['x', 100]]);
  });

  test('reducing and aggregating state', () => {
    const { backend, store } = setup();
    const sum = store.getReducingState(reducingState<number>('sum', (a, b) => a + b));
    const avg = store.getAggregatingState(aggregatingState('avg', average));
    backend.setCurrentKey('a');
    expect(sum.get()).toBeUndefined();
    expect(avg.get()).toBeUndefined();
    for (const v of [1, 2, 6]) {
      sum.add(v);
      avg.add(v);
    }
    backend.setCurrentKey('b');
    sum.add(10);
    avg.add(10);
    backend.setCurrentKey('a');
    expect(sum.get()).toBe(9);
    expect(avg.get()).toBe(3);
    sum.clear();
    avg.clear();
    expect(sum.get()).toBeUndefined();
    expect(avg.get()).toBeUndefined();
    backend.setCurrentKey('b');
    expect(sum.get()).toBe(10);
    expect(avg.get()).toBe(10);
  });

  test('state is kept by key group: entryCount counts keys per table', () => {
    const { backend, store } = setup();
    const v = store.getState(valueState<number>('v'));
    const l = store.getListState(listState<number>('l'));
    for (const k of ['a', 'b', 'c']) {
      backend.setCurrentKey(k);
      v.update(1);
    }
    backend.setCurrentKey('a');
    l.add(1);
    expect(backend.entryCount).toBe(4);
    const table = backend.table<unknown>('v');
    const group = assignToKeyGroup('b', MAX_PARALLELISM);
    expect([...table.groups[group]!.keys()]).toContain('b');
  });

  test('a key outside the subtask key-group range throws KeyGroupMismatchError', () => {
    const range = keyGroupRangeForSubtask(MAX_PARALLELISM, 2, 0);
    expect(range).toEqual({ start: 0, end: 63 });
    const { backend, store } = setup(range);
    const v = store.getState(valueState<number>('v'));
    backend.setCurrentKey('b'); // key group 22
    v.update(1);
    expect(assignToKeyGroup('a', MAX_PARALLELISM)).toBe(81);
    expect(() => backend.setCurrentKey('a')).toThrow(KeyGroupMismatchError);
    expect(backend.currentKey).toBe('b'); // unchanged
    expect(v.value()).toBe(1);
    try {
      backend.setCurrentKey('d'); // key group 64
      expect.unreachable();
    } catch (e) {
      expect((e as KeyGroupMismatchError).code).toBe('KEY_GROUP_MISMATCH');
    }
  });

  test('state used with no current key throws', () => {
    const { store } = setup();
    const v = store.getState(valueState<number>('v'));
    expect(() => v.value()).toThrow(/no current key/);
  });

  test('the same name with another kind throws; the same kind gives the same handle', () => {
    const { store } = setup();
    const a = store.getState(valueState<number>('s'));
    expect(store.getState(valueState<number>('s'))).toBe(a);
    expect(() => store.getListState(listState<number>('s'))).toThrow(TypeError);
    expect(() => store.getMapState(mapState<string, number>('s'))).toThrow(
      /'s' is value state, asked for as map state/,
    );
  });
});

describe('state TTL by the task clock', () => {
  const ttl: StateTtlConfig = { ttlMs: 1_000 };

  test('value state expires after ttlMs and is removed', () => {
    const { clock, backend, store } = setup();
    const v = store.getState(valueState<number>('v', { defaultValue: -1, ttl }));
    backend.setCurrentKey('a');
    v.update(1);
    clock.advance(999);
    expect(v.value()).toBe(1);
    expect(backend.entryCount).toBe(1);
    clock.advance(1);
    expect(v.value()).toBe(-1); // the default
    expect(backend.entryCount).toBe(0);
  });

  test('a write restarts the entry clock; a read does not (onCreateAndWrite)', () => {
    const { clock, backend, store } = setup();
    const v = store.getState(valueState<number>('v', { ttl }));
    backend.setCurrentKey('a');
    v.update(1);
    clock.advance(600);
    v.update(2);
    clock.advance(600);
    expect(v.value()).toBe(2); // 600 ms after the write
    clock.advance(399);
    expect(v.value()).toBe(2);
    clock.advance(1);
    expect(v.value()).toBeUndefined();
  });

  test("'onReadAndWrite' extends life on read", () => {
    const { clock, backend, store } = setup();
    const v = store.getState(valueState<number>('v', { ttl: { ttlMs: 1_000, updateType: 'onReadAndWrite' } }));
    backend.setCurrentKey('a');
    v.update(1);
    for (let i = 0; i < 5; i++) {
      clock.advance(900);
      expect(v.value()).toBe(1);
    }
    clock.advance(1_000);
    expect(v.value()).toBeUndefined();
    expect(backend.entryCount).toBe(0);
  });

  test('list, reducing and aggregating entries expire and are removed', () => {
    const { clock, backend, store } = setup();
    const list = store.getListState(listState<number>('list', { ttl }));
    const sum = store.getReducingState(reducingState<number>('sum', (a, b) => a + b, { ttl }));
    const avg = store.getAggregatingState(aggregatingState('avg', average, { ttl }));
    backend.setCurrentKey('a');
    list.add(1);
    sum.add(1);
    avg.add(1);
    clock.advance(500);
    backend.setCurrentKey('b');
    list.add(2);
    sum.add(2);
    avg.add(2);
    expect(backend.entryCount).toBe(6);
    clock.advance(500); // key a's entries are 1000 ms old, key b's 500 ms
    backend.setCurrentKey('a');
    expect(list.get()).toEqual([]);
    expect(sum.get()).toBeUndefined();
    expect(avg.get()).toBeUndefined();
    expect(backend.entryCount).toBe(3);
    backend.setCurrentKey('b');
    expect(list.get()).toEqual([2]);
    expect(sum.get()).toBe(2);
    expect(avg.get()).toBe(2);
    // An add after expiry starts from scratch.
    backend.setCurrentKey('a');
    sum.add(5);
    avg.add(5);
    list.add(5);
    expect([sum.get(), avg.get(), list.get()]).toEqual([5, 5, [5]]);
  });

  test('map state expires per map entry', () => {
    const { clock, backend, store } = setup();
    const map = store.getMapState(mapState<string, number>('map', { ttl }));
    backend.setCurrentKey('a');
    map.put('old', 1);
    clock.advance(600);
    map.put('new', 2);
    clock.advance(400); // 'old' is 1000 ms old, 'new' 400 ms
    expect(map.get('old')).toBeUndefined();
    expect(map.contains('old')).toBe(false);
    expect(map.get('new')).toBe(2);
    expect(map.entries()).toEqual([['new', 2]]);
    clock.advance(600);
    expect(map.isEmpty()).toBe(true);
    map.put('again', 3);
    expect(map.entries()).toEqual([['again', 3]]);
  });

  test("map state 'onReadAndWrite' extends a map entry's life on get", () => {
    const { clock, backend, store } = setup();
    const map = store.getMapState(
      mapState<string, number>('map', { ttl: { ttlMs: 1_000, updateType: 'onReadAndWrite' } }),
    );
    backend.setCurrentKey('a');
    map.put('read', 1);
    map.put('unread', 2);
    clock.advance(900);
    expect(map.get('read')).toBe(1);
    clock.advance(900);
    expect(map.keys()).toEqual(['read']);
  });

  test('map state whose entries all expired is removed on read (entryCount drops)', () => {
    const { clock, backend, store } = setup();
    const map = store.getMapState(mapState<string, number>('map', { ttl }));
    backend.setCurrentKey('a');
    map.put('x', 1);
    expect(backend.entryCount).toBe(1);
    clock.advance(1_000);
    expect(map.isEmpty()).toBe(true);
    expect(backend.entryCount).toBe(0);
  });

  test('entries of different keys expire independently', () => {
    const { clock, backend, store } = setup();
    const v = store.getState(valueState<number>('v', { ttl }));
    const keys: Key[] = ['a', 'b', 'c', 'd'];
    for (const k of keys) {
      backend.setCurrentKey(k);
      v.update(1);
      clock.advance(300);
    }
    // Written at +0, +300, +600, +900; now +1200.
    const alive = keys.filter((k) => {
      backend.setCurrentKey(k);
      return v.value() !== undefined;
    });
    expect(alive).toEqual(['b', 'c', 'd']); // a is 1200 ms old
    expect(backend.entryCount).toBe(3);
  });
});
