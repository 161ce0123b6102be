import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReaderInfo, SplitEnumeratorContext } from '@dhara/core';
import { afterAll, expect, test } from 'vitest';
import { type FileSourceSplit, FileSplitEnumerator } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'dhara-enum-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A context like the source coordinator's, with callAsync run by hand (`listings`) and assignments recorded. */
function fakeContext() {
  const readers = new Map<number, ReaderInfo>();
  const assigned: [number, string][] = [];
  const noMore: number[] = [];
  const listings: (() => Promise<void>)[] = [];
  const context = {
    currentParallelism: () => 4,
    registeredReaders: () => readers,
    assignSplit(split: FileSourceSplit, subtask: number) {
      if (!readers.has(subtask)) throw new Error(`reader ${subtask} not registered`);
      assigned.push([subtask, split.splitId.slice(dir.length + 1)]);
    },
    signalNoMoreSplits: (subtask: number) => noMore.push(subtask),
    callAsync<R>(work: () => R | Promise<R>, handler: (result: R | undefined, error: unknown) => void) {
      listings.push(async () => {
        try {
          handler(await work(), undefined);
        } catch (error) {
          handler(undefined, error);
        }
      });
    },
  } as unknown as SplitEnumeratorContext<FileSourceSplit>;
  const register = (subtask: number) => readers.set(subtask, { subtaskIndex: subtask, location: 'test' });
  return { context, assigned, noMore, listings, register };
}

test('splits go to readers as they ask; a reader that registers later still gets splits; then no more', async () => {
  writeFileSync(join(dir, 'a.txt'), 'x'.repeat(25));
  const { context, assigned, noMore, listings, register } = fakeContext();
  const enumerator = new FileSplitEnumerator(context, { paths: [dir], splitSize: 10, monitorIntervalMs: undefined });
  enumerator.start();
  register(0);
  enumerator.handleSplitRequest(0); // before the listing is done: the request waits
  expect(assigned).toEqual([]);
  await listings[0]!();
  expect(assigned).toEqual([[0, 'a.txt:0-10']]);
  enumerator.handleSplitRequest(0);
  register(1); // joins late
  enumerator.addReader(1);
  enumerator.handleSplitRequest(1);
  expect(assigned).toEqual([
    [0, 'a.txt:0-10'],
    [0, 'a.txt:10-20'],
    [1, 'a.txt:20-25'],
  ]);
  enumerator.handleSplitRequest(0);
  expect(noMore).toEqual([0]);
  // Checkpoint state is plain data.
  expect(structuredClone(enumerator.snapshotState())).toEqual({
    seenPaths: [join(dir, 'a.txt')],
    pendingSplits: [],
    listed: true,
  });
});

test('streaming mode hands new files to readers that were waiting, and skips files already seen', async () => {
  const watched = mkdtempSync(join(dir, 'watched-'));
  writeFileSync(join(watched, '1.txt'), 'a\n');
  const { context, assigned, noMore, listings, register } = fakeContext();
  const enumerator = new FileSplitEnumerator(context, { paths: [watched], splitSize: 100, monitorIntervalMs: 10 });
  enumerator.start();
  register(0);
  register(1);
  await listings[0]!();
  enumerator.handleSplitRequest(1);
  enumerator.handleSplitRequest(0); // nothing left: waits, never "no more" in streaming mode
  expect(assigned.map(([s, id]) => [s, id.split('/').pop()])).toEqual([[1, '1.txt:0-2']]);
  writeFileSync(join(watched, '2.txt'), 'b\n');
  await listings[0]!(); // the periodic listing again
  expect(assigned.map(([s, id]) => [s, id.split('/').pop()])).toEqual([
    [1, '1.txt:0-2'],
    [0, '2.txt:0-2'],
  ]);
  expect(noMore).toEqual([]);
});
