import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputStatus, type SourceReaderContext } from '@dhara/core';
import { afterAll, expect, test } from 'vitest';
import { FileSource, type FileSourceSplit, splitsOfFile } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'dhara-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readerOf(source: FileSource<string>) {
  let requests = 0;
  const context: SourceReaderContext = {
    subtaskIndex: 0,
    parallelism: 1,
    attemptNumber: 0,
    checkpointingEnabled: false,
    sendSplitRequest: () => requests++,
    sendSourceEventToCoordinator() {},
  };
  const reader = source.createReader(context);
  const out: string[] = [];
  const output = {
    collect: (line: string) => out.push(line),
    createOutputForSplit: () => ({ collect: (line: string) => out.push(line) }),
    releaseOutputForSplit() {},
  };
  /** Polls until `stop()` says so or the input ends, waiting on isAvailable as the task does. */
  const pollUntil = async (stop: () => boolean): Promise<InputStatus> => {
    for (;;) {
      const status = reader.pollNext(output);
      if (status === InputStatus.END_OF_INPUT || stop()) return status;
      if (status === InputStatus.NOTHING_AVAILABLE) await reader.isAvailable();
    }
  };
  return { reader, out, pollUntil, requests: () => requests };
}

test('a reader resumed from its snapshot emits exactly the lines not emitted before it', async () => {
  const path = join(dir, 'lines.txt');
  const lines = Array.from({ length: 2_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const splits = splitsOfFile(path, Buffer.byteLength(`${lines.join('\n')}\n`), 10_000);
  const source = FileSource.lines(path, { chunkSize: 1_000 });

  const first = readerOf(source);
  first.reader.start();
  expect(first.requests()).toBe(1);
  first.reader.addSplits(splits);
  await first.pollUntil(() => first.out.length >= 700);
  const snapshot: FileSourceSplit[] = structuredClone(first.reader.snapshotState(1));
  const emittedBefore = first.out.length;
  await first.reader.close();
  // The split being read stands at the next line; the splits not fetched yet are all there, unmoved.
  expect(snapshot.length).toBeGreaterThan(1);
  expect(snapshot.slice(1).every((s) => s.offset === s.start)).toBe(true);

  const second = readerOf(source);
  second.reader.addSplits(snapshot);
  second.reader.start(); // holds splits: asks for none
  expect(second.requests()).toBe(0);
  second.reader.notifyNoMoreSplits();
  expect(await second.pollUntil(() => false)).toBe(InputStatus.END_OF_INPUT);
  expect([...first.out.slice(0, emittedBefore), ...second.out]).toEqual(lines);
  // One request per finished split: the pull model that spreads splits over readers.
  expect(second.requests()).toBe(snapshot.length);
});
