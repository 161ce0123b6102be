import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeState, encodeState } from '../../src/checkpoint/index.ts';
import { assignToKeyGroup, KeyedStateBackend, keyGroupRangeForSubtask, readEntries } from '../../src/state/index.ts';

const backend = () => new KeyedStateBackend({ start: 0, end: 127 }, 128, () => 0);

describe('stored state entries', () => {
  test('property: a snapshot restores every entry exactly, packed or not, through the state codec', () => {
    const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 2 ** 31, -(2 ** 31), Number.NaN));
    const value = fc.oneof({ weight: 4, arbitrary: number }, { weight: 1, arbitrary: fc.string() });
    const key = fc.oneof({ weight: 4, arbitrary: number }, { weight: 1, arbitrary: fc.string() });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 200 }), (entries) => {
        const source = backend();
        const table = source.table<unknown>('t');
        const expected = new Map<unknown, unknown>();
        for (const [k, v] of entries) {
          source.setCurrentKey(k);
          source.bucket(table).set(k, v);
          // msgpack (the pairs' codec) stores -0 as 0; packed columns keep it (checked below).
          expected.set(k, Object.is(v, -0) ? 0 : v);
        }
        const stored = decodeState<Map<number, Record<string, never>>>(encodeState(source.snapshotTables()));
        const restored = backend();
        restored.restoreTables(stored);
        const actual = new Map<unknown, unknown>();
        for (const bucket of restored.table<unknown>('t').groups) for (const [k, v] of bucket) actual.set(k, v);
        const zeroed = new Map([...actual].map(([k, v]) => [k, Object.is(v, -0) ? 0 : v]));
        expect(zeroed).toEqual(expected);
      }),
    );
  });

  test('numeric tables are packed as int32 or float64 columns', () => {
    const b = backend();
    const t = b.table<number>('sum');
    for (let k = 0; k < 1_000; k++) {
      b.setCurrentKey(k);
      b.bucket(t).set(k, k === 7 ? 0.5 : k);
    }
    const packed = [...b.snapshotTables().values()].map((tables) => tables.sum);
    expect(packed.every((e) => e !== undefined && !Array.isArray(e) && e.keyType === 'i32')).toBe(true);
    expect(packed.some((e) => e !== undefined && !Array.isArray(e) && e.valueType === 'f64')).toBe(true);
    const count = packed.reduce((n, e) => n + [...readEntries(e!)].length, 0);
    expect(count).toBe(1_000);
  });

  test('packed float64 columns keep -0, NaN and large numbers exactly', () => {
    const b = backend();
    const t = b.table<number>('v');
    const values = [-0, Number.NaN, 2 ** 53 + 2, -1e-300, 0.1];
    values.forEach((v, k) => {
      b.setCurrentKey(k);
      b.bucket(t).set(k, v);
    });
    const restored = backend();
    restored.restoreTables(decodeState(encodeState(b.snapshotTables())));
    values.forEach((v, k) => {
      restored.setCurrentKey(k);
      expect(Object.is(restored.bucket(restored.table<number>('v')).get(k), v)).toBe(true);
    });
  });

  test('packed key groups are redistributed by key group on a rescale: each entry lands once, in its owner', () => {
    const source = backend();
    const table = source.table<number>('sum');
    for (let k = 0; k < 5_000; k++) {
      source.setCurrentKey(k);
      source.bucket(table).set(k, k * 2);
    }
    const stored = decodeState<Map<number, Record<string, never>>>(encodeState(source.snapshotTables()));
    const ranges = [
      keyGroupRangeForSubtask(128, 3, 0),
      keyGroupRangeForSubtask(128, 3, 1),
      keyGroupRangeForSubtask(128, 3, 2),
    ];
    const restored = ranges.map((range) => new KeyedStateBackend(range, 128, () => 0));
    for (const b of restored) b.restoreTables(stored);
    expect(restored.reduce((n, b) => n + b.entryCount, 0)).toBe(5_000);
    for (let k = 0; k < 5_000; k++) {
      const owner = restored.find((b) => {
        const g = assignToKeyGroup(k, 128);
        return g >= b.range.start && g <= b.range.end;
      })!;
      owner.setCurrentKey(k);
      expect(owner.bucket(owner.table<number>('sum')).get(k)).toBe(k * 2);
    }
  });
});
