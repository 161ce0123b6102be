// The READMEs' TypeScript snippets compile as pasted: each ```ts block is written to a file of its own (so each
// needs its own imports) and type-checked against the packages' doors with the repository's strict settings, less
// the unused-name checks (a snippet may show a result it does not use).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The Pravega READMEs hold API cheat sheets (fragments, marked as such), not programs: not checked here.
const READMES = ['README.md', 'packages/core/README.md', 'packages/connector-files/README.md'];

// Under the repository (tmp/ is git-ignored) so that '@dhara/...' resolves through its node_modules.
const dir = path.join(ROOT, 'tmp', `readme-snippets-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Snippet {
  readonly readme: string;
  readonly line: number;
  readonly file: string;
}

function snippetsOf(readme: string): Snippet[] {
  const lines = readFileSync(path.join(ROOT, readme), 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    const file = path.join(dir, `${readme.replace(/[/.]/g, '_')}-line-${start + 1}.ts`);
    // `export {}` keeps a snippet without imports a module (top-level await needs one).
    writeFileSync(file, `${lines.slice(start, end).join('\n')}\nexport {};\n`);
    out.push({ readme, line: start + 1, file });
    i = end;
  }
  return out;
}

test('every ```ts snippet of the READMEs type-checks as pasted', () => {
  mkdirSync(dir, { recursive: true });
  const snippets = READMES.flatMap(snippetsOf);
  expect(snippets.length).toBeGreaterThanOrEqual(5);
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(
    snippets.map((s) => s.file),
    { ...options, noUnusedLocals: false, noUnusedParameters: false, noEmit: true },
  );
  const where = new Map(snippets.map((s) => [path.resolve(s.file), s]));
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const snippet = d.file === undefined ? undefined : where.get(path.resolve(d.file.fileName));
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (d.file === undefined || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const at = snippet === undefined ? d.file.fileName : `${snippet.readme}:${snippet.line + line}`;
    return `${at}: ${text}`;
  });
  expect(errors).toEqual([]);
}, 60_000);
