import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Row } from '../jobs/tail-failure.ts';

const base = mkdtempSync(path.join(tmpdir(), 'dhara-final-checkpoint-'));
let cluster: MiniCluster;
beforeAll(async () => {
  cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 4, checkpointDir: path.join(base, 'checkpoints') });
});
afterAll(async () => {
  await cluster.close();
  rmSync(base, { recursive: true, force: true });
});

function committedRows(dir: string): Row[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .flatMap((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Row);
}

test('a failure after another sink subtask ended its input: the tail is committed once (final checkpoint)', async () => {
  const dir = path.join(base, 'out');
  const records = 20_000;
  Object.assign(process.env, { FS_DIR: dir, FS_RECORDS: String(records) });
  try {
    const client = await cluster.submit(new URL('../jobs/tail-failure.ts', import.meta.url).pathname, {
      parallelism: 2,
    });
    const result = await client.result();
    expect(result.restarts).toHaveLength(1);
    const counts = new Uint8Array(records);
    for (const row of committedRows(dir)) counts[row.i]!++;
    const missing = counts.filter((c) => c === 0).length;
    const duplicated = counts.filter((c) => c > 1).length;
    expect({ missing, duplicated }).toEqual({ missing: 0, duplicated: 0 });
  } finally {
    delete process.env.FS_DIR;
    delete process.env.FS_RECORDS;
  }
});
