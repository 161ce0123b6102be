import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { type FileSourceSplit, LineFormat, SplitLineCursor, splitsOfFile } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'dhara-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What readline yields for a file's text: lines split on \n, no phantom line after a final newline. */
function expectedLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

async function readSplit(split: FileSourceSplit, chunkSize: number): Promise<string[]> {
  const cursor = await SplitLineCursor.open(split, LineFormat.text(), chunkSize);
  const lines: string[] = [];
  try {
    for (;;) {
      const { records, finished } = await cursor.next();
      for (const r of records) lines.push(r.value);
      if (finished) return lines;
    }
  } finally {
    await cursor.close();
  }
}

async function readAll(text: string, splitSize: number, chunkSize: number): Promise<string[]> {
  const path = join(dir, 'file.txt');
  writeFileSync(path, text);
  const lines: string[] = [];
  for (const split of splitsOfFile(path, Buffer.byteLength(text), splitSize)) {
    lines.push(...(await readSplit(split, chunkSize)));
  }
  return lines;
}

test.each([
  ['empty file', ''],
  ['one line, no final newline', 'abc'],
  ['one line with newline', 'abc\n'],
  ['empty lines', '\n\n\n'],
  ['no final newline', 'a\nbb\nccc'],
  ['multi-byte characters across chunks', 'héllo wörld\n日本語のテキスト\n🙂🙃\nend'],
])('%s: every line exactly once for every split size', async (_name, text) => {
  for (const splitSize of [1, 2, 3, 5, 8, 1000]) {
    for (const chunkSize of [1, 3, 64]) {
      expect(await readAll(text, splitSize, chunkSize)).toEqual(expectedLines(text));
    }
  }
});

test('property: for random contents and split sizes, the splits together yield exactly the lines of the file', async () => {
  const line = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '日', '🙂', '\r'), maxLength: 12 });
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { maxLength: 30 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 32 }),
      async (lines, finalNewline, splitSize, chunkSize) => {
        const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
        // CRLF endings lose their \r, as with readline.
        const expected = expectedLines(text).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
        expect(await readAll(text, splitSize, chunkSize)).toEqual(expected);
      },
    ),
    { numRuns: 150 },
  );
});

test('a split resumed at a recorded position reads on from there', async () => {
  const path = join(dir, 'resume.txt');
  writeFileSync(path, 'one\ntwo\nthree\nfour\n');
  const [split] = splitsOfFile(path, 19, 100);
  expect(await readSplit({ ...split!, offset: 8 }, 4)).toEqual(['three', 'four']);
});
