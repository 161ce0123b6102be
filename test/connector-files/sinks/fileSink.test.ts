import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../../support/index.ts';
import type { Row } from '../jobs/file-sink.ts';

const mini = useMiniCluster({ name: 'file-sink', workers: 2, slotsPerWorker: 4 });

/** Every file under dir, as paths relative to it. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
const isHidden = (file: string) => path.basename(file).startsWith('.');

/**
 * Lists the output directory every few milliseconds while the job runs, as a reader would, and notes each visible
 * (non-hidden) file with its size when first seen.
 */
function watch(dir: string) {
  const seen = new Map<string, number>();
  const timer = setInterval(() => {
    for (const file of listFiles(dir)) {
      if (isHidden(file) || seen.has(file)) continue;
      try {
        seen.set(file, statSync(path.join(dir, file)).size);
      } catch {
        seen.set(file, -1); // vanished between listing and stat: a committed file must never vanish
      }
    }
  }, 3);
  return { seen, stop: () => clearInterval(timer) };
}

let runs = 0;
function runFileSink(parallelism: number, faults: FaultSpec[], records = 40_000) {
  const dir = path.join(mini.dir, `out-${runs++}`);
  return withEnv({ FS_DIR: dir, FS_RECORDS: String(records) }, async () => {
    const reader = watch(dir);
    try {
      const client = await mini.cluster.submit(jobPath('connector-files', 'file-sink'), { parallelism, faults });
      const result = await client.result();
      reader.stop();
      const files = listFiles(dir);
      const rows: Row[] = files
        .filter((f) => !isHidden(f))
        .flatMap((f) =>
          readFileSync(path.join(dir, f), 'utf8')
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.parse(l) as Row),
        );
      return { result, files, rows, seen: reader.seen, dir };
    } finally {
      reader.stop();
    }
  });
}

/** Each record 0..n-1 exactly once, with the keyed map's output. */
function expectExactlyOnce(rows: readonly Row[], n: number): void {
  const counts = new Uint8Array(n);
  for (const row of rows) {
    expect(row.doubled).toBe(row.i * 2);
    counts[row.i]!++;
  }
  const missing = counts.reduce((m, c) => m + (c === 0 ? 1 : 0), 0);
  const duplicated = counts.reduce((m, c) => m + (c > 1 ? 1 : 0), 0);
  expect({ rows: rows.length, missing, duplicated }).toEqual({ rows: n, missing: 0, duplicated: 0 });
}

/** What the reader saw was committed: still there at the end, never a hidden name, never grown since. */
function expectOnlyCommittedSeen(seen: Map<string, number>, dir: string): void {
  expect(seen.size).toBeGreaterThan(0);
  for (const [file, size] of seen) {
    expect(isHidden(file)).toBe(false);
    expect(statSync(path.join(dir, file)).size, file).toBe(size);
  }
}

const faultsOf = (parallelism: number): [string, FaultSpec[]][] => [
  [
    'an operator throw',
    [{ operatorUid: 'map', subtaskIndex: 1, at: { records: Math.floor(15_000 / parallelism) }, action: 'throw' }],
  ],
  [
    'a killed worker',
    [
      {
        operatorUid: 'files',
        subtaskIndex: 0,
        at: { records: Math.floor(12_000 / parallelism) },
        action: 'exit-worker',
      },
    ],
  ],
  [
    'a failure between completion and commit',
    [{ operatorUid: 'files', subtaskIndex: 1, at: { checkpoint: 4, phase: 'notify-complete' }, action: 'throw' }],
  ],
  [
    'a failure inside commit',
    [{ operatorUid: 'files', subtaskIndex: 0, at: { checkpoint: 4, phase: 'commit' }, action: 'throw' }],
  ],
];

describe.each([2, 4])('FileSink exactly-once, parallelism %i', (parallelism) => {
  test.each(faultsOf(parallelism))('with %s: every record once in the committed files', async (_name, faults) => {
    const { result, files, rows, seen, dir } = await runFileSink(parallelism, faults);
    expect(result.restarts).toHaveLength(1);
    expectExactlyOnce(rows, 40_000);
    // The restart cleaned the failed attempt's in-progress files; the end committed the rest. (A pending file of a
    // checkpoint that never completed may stay behind, hidden: see cleanupLeftovers.)
    expect(files.filter((f) => isHidden(f) && f.endsWith('.inprogress'))).toEqual([]);
    expectOnlyCommittedSeen(seen, dir);
  });
});

test('without failures, part files roll by size and every checkpoint; all commit', async () => {
  const { result, files, rows, seen, dir } = await runFileSink(2, []);
  expect(result.restarts).toHaveLength(0);
  expectExactlyOnce(rows, 40_000);
  expect(result.checkpoints.completed).toBeGreaterThan(3);
  expect(files.length).toBeGreaterThan(2 * result.checkpoints.completed);
  expect(files.every((f) => /^part-[01]-[0-9a-f]{8}-\d+\.jsonl$/.test(f))).toBe(true);
  expectOnlyCommittedSeen(seen, dir);
});
