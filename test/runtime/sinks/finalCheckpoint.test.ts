import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../../support/index.ts';
import type { Row } from '../jobs/tail-failure.ts';

const mini = useMiniCluster({ name: 'final-checkpoint', workers: 2, slotsPerWorker: 4 });

function committedRows(dir: string): Row[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .flatMap((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Row);
}

test('a failure after another sink subtask ended its input: the tail is committed once (final checkpoint)', () => {
  const dir = path.join(mini.dir, 'out');
  const records = 20_000;
  return withEnv({ FS_DIR: dir, FS_RECORDS: String(records) }, async () => {
    const client = await mini.cluster.submit(jobPath('runtime', 'tail-failure'), { parallelism: 2 });
    const result = await client.result();
    expect(result.restarts).toHaveLength(1);
    const counts = new Uint8Array(records);
    for (const row of committedRows(dir)) counts[row.i]!++;
    const missing = counts.filter((c) => c === 0).length;
    const duplicated = counts.filter((c) => c > 1).length;
    expect({ missing, duplicated }).toEqual({ missing: 0, duplicated: 0 });
  });
});
