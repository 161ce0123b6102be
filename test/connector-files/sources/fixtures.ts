// Test files for the file-source tests, and small helpers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A deterministic line: varied lengths, some multi-byte characters, some empty. */
export function lineAt(file: string, i: number): string {
  if (i % 37 === 5) return '';
  const words = 1 + ((i * 7) % 9);
  const parts: string[] = [];
  for (let w = 0; w < words; w++) parts.push(`${file}${i}w${w}${(i + w) % 11 === 0 ? 'é日' : ''}`);
  return parts.join(' ');
}

/** The lines a reader (readline, the file source) sees in a text: no phantom empty line after a final newline. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

export interface WrittenFiles {
  /** The paths to give the source (files and one directory). */
  readonly paths: string[];
  /** Every line the source must read, once each. */
  readonly lines: string[];
}

/**
 * Writes: a file with a final newline, one without, an empty file, a file many splits long (for `splitSize`), and a
 * directory with two files and a hidden one (which the source skips).
 */
export function writeFiles(dir: string, bigLines: number): WrittenFiles {
  const lines: string[] = [];
  const write = (path: string, count: number, finalNewline: boolean): void => {
    const fileLines = Array.from({ length: count }, (_, i) => lineAt(path.split('/').pop()!, i));
    const text = fileLines.join('\n') + (finalNewline && count > 0 ? '\n' : '');
    writeFileSync(path, text);
    lines.push(...linesOf(text));
  };
  write(join(dir, 'with-newline.txt'), 300, true);
  write(join(dir, 'no-final-newline.txt'), 250, false);
  write(join(dir, 'empty.txt'), 0, false);
  write(join(dir, 'big.txt'), bigLines, true);
  const sub = join(dir, 'more');
  mkdirSync(sub);
  write(join(sub, 'b.txt'), 120, true);
  write(join(sub, 'a.txt'), 80, false);
  writeFileSync(join(sub, '.hidden-in-progress'), 'not a line to read\n');
  return {
    paths: ['with-newline.txt', 'no-final-newline.txt', 'empty.txt', 'big.txt', 'more'].map((p) => join(dir, p)),
    lines,
  };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sorted = (values: readonly string[]): string[] => [...values].sort();
