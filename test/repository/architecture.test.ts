// ARCHITECTURE.md names real files and functions: every path it cites exists, and every step of its two walks (the
// path of a record, the path of a checkpoint) names a file that defines the class, method or function it names.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const doc = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');

/** Every file and folder of the repository, as root-relative paths (folders end with '/'). */
function listTree(dir = ROOT, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === '.git' || entry === '.turbo') continue;
    const rel = `${prefix}${entry}`;
    if (statSync(path.join(dir, entry)).isDirectory())
      out.push(`${rel}/`, ...listTree(path.join(dir, entry), `${rel}/`));
    else out.push(rel);
  }
  return out;
}
const tree = listTree();

/** A cited path exists from the root, or (short forms such as `taskworker/Task.ts`) as the tail of a real path. */
function resolves(cited: string): boolean {
  if (existsSync(path.join(ROOT, cited))) return true;
  return tree.some((p) => p.endsWith(`/${cited}`) || p === cited);
}

/** Backticked words that look like paths: a slash and a file ending, or a folder ending with a slash. */
const cited = [...doc.matchAll(/`([^`\s]+)`/g)]
  .map((m) => m[1]!)
  .filter((w) => /^[\w.@-]+(\/[\w.@-]+)*(\.(ts|mjs|cjs|js|json|md)|\/)$/.test(w) && w.includes('/'))
  .filter((w) => !w.startsWith('@dhara/'));

interface Step {
  readonly file: string;
  readonly symbol: string;
}

/** The numbered steps of one walk: "N. `file` — `Symbol.member`: ...". */
function stepsOf(heading: string): Step[] {
  const start = doc.indexOf(`## ${heading}`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\s*\d+\. `([^`]+)` — `([^`]+)`/gm)].map((m) => ({ file: m[1]!, symbol: m[2]! }));
}

/** Whether `source` defines `name`: a class, interface, type, function or const, or (member) a method or field. */
function defines(source: string, name: string, member: boolean): boolean {
  const n = name.replace(/[$]/g, '\\$');
  const pattern = member
    ? new RegExp(`^\\s+(?:(?:private|protected|public|static|readonly|async|override|get)\\s+)*${n}\\s*[(<=:]`, 'm')
    : new RegExp(`(?:class|interface|type|function|const|let)\\s+${n}\\b`);
  return pattern.test(source);
}

describe('ARCHITECTURE.md', () => {
  test('cites only paths that exist', () => {
    expect(cited.length).toBeGreaterThan(30);
    expect(cited.filter((p) => !resolves(p))).toEqual([]);
  });

  for (const heading of ['The path of a record', 'The path of a checkpoint']) {
    test(`"${heading}": each step names a file that defines what the step names`, () => {
      const steps = stepsOf(heading);
      expect(steps.length).toBeGreaterThan(10);
      const wrong = steps.flatMap(({ file, symbol }) => {
        const full = path.join(ROOT, file);
        if (!existsSync(full)) return [`${file}: no such file`];
        const source = readFileSync(full, 'utf8');
        const [owner, member] = symbol.split('.') as [string, string | undefined];
        if (!defines(source, owner, false)) return [`${file}: defines no ${owner}`];
        if (member !== undefined && !defines(source, member, true)) return [`${file}: ${owner} has no ${member}`];
        return [];
      });
      expect(wrong).toEqual([]);
    });
  }
});
