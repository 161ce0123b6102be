import { type Key, SlidingEventTimeWindows, type TimeWindow, TumblingEventTimeWindows } from '@dhara/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KeyedStateBackend, readEntries } from '../../src/state/index.ts';
import { windowContents } from '../../src/taskworker/operators/windowContents.ts';
import { formatNamespace, WindowNamespaces } from '../../src/taskworker/operators/windowNamespaces.ts';
import { KeyWindowState, type WindowState } from '../../src/taskworker/operators/windowState.ts';
import { WindowStateByWindow } from '../../src/taskworker/operators/windowStateByWindow.ts';

const MAX_PARALLELISM = 128;
const sum = windowContents({ kind: 'reduce', reduce: (a: number, b: number) => a + b, process: undefined });
const backend = () => new KeyedStateBackend({ start: 0, end: MAX_PARALLELISM - 1 }, MAX_PARALLELISM, () => 0);

type Op =
  | { kind: 'add'; key: Key; ns: string; value: number }
  | { kind: 'set'; key: Key; ns: string; value: number }
  | { kind: 'delete'; key: Key; ns: string }
  | { kind: 'snapshot' };

/** The snapshot's tables as sorted, comparable data: [group, key, [namespace, contents][] sorted]. */
function normalized(b: KeyedStateBackend): [number, Key, [string, unknown][]][] {
  const rows: [number, Key, [string, unknown][]][] = [];
  for (const [group, tables] of b.snapshotTables()) {
    for (const [key, windows] of readEntries(tables.w ?? [])) {
      rows.push([group, key, [...(windows as Map<string, unknown>)].sort(([a], [c]) => a.localeCompare(c))]);
    }
  }
  return rows.sort((a, c) => a[0] - c[0] || String(a[1]).localeCompare(String(c[1])));
}

describe('window state', () => {
  test('property: WindowStateByWindow behaves as KeyWindowState, snapshots included, and restores from one', () => {
    const key = fc.constantFrom<Key>(0, 1, '1', 'a', 'b', 77);
    const ns = fc.constantFrom('0:10', '10:20', '5:15');
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), key, ns, value: fc.nat(9) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), key, ns, value: fc.nat(9) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), key, ns }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const) }) },
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const perKeyBackend = backend();
        const perKey: WindowState = new KeyWindowState(perKeyBackend, 'w', sum);
        let current = backend();
        let perWindow: WindowState = new WindowStateByWindow(current, 'w', sum);
        for (const op of ops) {
          if (op.kind === 'snapshot') {
            const snapshot = normalized(current);
            expect(snapshot).toEqual(normalized(perKeyBackend));
            // Restore into a new backend: the state is taken over from the table.
            const restored = backend();
            restored.restoreTables(
              [...new Set(snapshot.map(([g]) => g))].map((g) => [
                g,
                { w: snapshot.filter(([sg]) => sg === g).map(([, k, windows]) => [k, new Map(windows)]) },
              ]),
            );
            current = restored;
            perWindow = new WindowStateByWindow(restored, 'w', sum);
            continue;
          }
          perKeyBackend.setCurrentKey(op.key);
          current.setCurrentKey(op.key);
          if (op.kind === 'add') expect(perWindow.add(op.ns, op.value)).toBe(perKey.add(op.ns, op.value));
          else if (op.kind === 'set') {
            perWindow.set(op.ns, op.value);
            perKey.set(op.ns, op.value);
          } else {
            perWindow.delete(op.ns);
            perKey.delete(op.ns);
          }
          expect(perWindow.get(op.ns)).toBe(perKey.get(op.ns));
          expect(perWindow.namespaces().sort()).toEqual(perKey.namespaces().sort());
        }
        expect(normalized(current)).toEqual(normalized(perKeyBackend));
      }),
      { numRuns: 200 },
    );
  });
});

describe('WindowNamespaces', () => {
  test('formats once per run of equal windows, compared by value; parses "start:end"', () => {
    const names = new WindowNamespaces();
    const first = names.of([{ start: 0, end: 10 }]);
    expect(first).toEqual(['0:10']);
    expect(names.of([{ start: 0, end: 10 }])).toBe(first); // new objects, same windows
    expect(names.of([{ start: 10, end: 20 }])).toEqual(['10:20']);
    expect(names.of([])).toEqual([]);
    expect(names.windowOf('-5:1700000000000')).toEqual({ start: -5, end: 1_700_000_000_000 });
    expect(names.windowOf('-5:1700000000000')).toBe(names.windowOf('-5:1700000000000'));
    expect(formatNamespace({ start: -5, end: 3 })).toBe('-5:3');
  });
});

describe('assigners hand out shared, frozen windows', () => {
  const fresh = (size: number, slide: number, offset: number, t: number): TimeWindow[] => {
    const windows: TimeWindow[] = [];
    const shifted = (t - offset) % slide;
    for (let start = t - (shifted < 0 ? shifted + slide : shifted); start > t - size; start -= slide) {
      windows.push({ start, end: start + size });
    }
    return windows;
  };

  test('tumbling: the same array while the window is the same', () => {
    const assigner = TumblingEventTimeWindows.of(10);
    const a = assigner.assignWindows(3, 0);
    expect(assigner.assignWindows(9, 0)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a[0])).toBe(true);
    expect(assigner.assignWindows(10, 0)).toEqual([{ start: 10, end: 20 }]);
  });

  test('property: sliding windows over a run of timestamps are those of a fresh computation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: -40, max: 40 }), { maxLength: 40 }),
        (size, slide, times) => {
          const assigner = SlidingEventTimeWindows.of(size, slide);
          for (const t of [...times].sort((a, b) => a - b)) {
            expect(assigner.assignWindows(t, 0)).toEqual(fresh(size, slide, 0, t));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
