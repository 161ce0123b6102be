import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { jobPath, useMiniCluster } from '../../support/index.ts';
import type { ReadLine } from '../jobs/files.ts';
import { sorted, waitFor, writeFiles } from './fixtures.ts';

const JOB = jobPath('connector-files', 'files');
const mini = useMiniCluster({ name: 'files', workers: 2, slotsPerWorker: 2 });

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

describe('FileSource on a real mini-cluster (2 workers x 2 slots)', () => {
  test.each([1, 2, 4])('parallelism %i reads every line exactly once, and spreads the splits', async (parallelism) => {
    const set = mini.tempDir(`p${parallelism}`);
    const { paths, lines } = writeFiles(set, 6_000);
    // 4 KiB splits: big.txt (about 300 KB) is many splits; a line may cross a split boundary.
    setEnv({
      DHARA_TEST_FILES: JSON.stringify(paths),
      DHARA_TEST_SPLIT_SIZE: '4096',
      DHARA_TEST_MONITOR_MS: undefined,
    });
    const result = await (await mini.cluster.submit(JOB, { parallelism })).result();
    const read = result.collected.lines as ReadLine[];
    expect(read).toHaveLength(lines.length);
    expect(sorted(read.map((r) => r.line))).toEqual(sorted(lines));
    // Every reader took part: splits go to whichever reader asks, so none sits idle while splits remain.
    const subtasks = new Set(read.map((r) => r.subtask));
    expect([...subtasks].sort()).toEqual(Array.from({ length: parallelism }, (_, i) => i));
  });

  test('streaming mode reads a file added while the job runs, then runs until cancelled', async () => {
    const watched = mini.tempDir('watched');
    writeFileSync(join(watched, 'first.txt'), 'one\ntwo\n');
    setEnv({ DHARA_TEST_FILES: JSON.stringify([watched]), DHARA_TEST_SPLIT_SIZE: '4', DHARA_TEST_MONITOR_MS: '50' });
    const job = await mini.cluster.submit(JOB, { parallelism: 2 });
    try {
      const lines = () => job.collected<ReadLine>('lines').map((r) => r.line);
      await waitFor(() => lines().length >= 2, 'the first file');
      // Written under a hidden name, then renamed: the source never sees a half-written file.
      writeFileSync(join(watched, '.second.txt.tmp'), 'three\nfour\nfive');
      renameSync(join(watched, '.second.txt.tmp'), join(watched, 'second.txt'));
      await waitFor(() => lines().length >= 5, 'the added file');
      await new Promise((resolve) => setTimeout(resolve, 200)); // a few more listings: nothing is read twice
      expect(sorted(lines())).toEqual(sorted(['one', 'two', 'three', 'four', 'five']));
      expect(job.status).toBe('RUNNING');
    } finally {
      await job.cancel();
      setEnv({ DHARA_TEST_MONITOR_MS: undefined });
    }
    expect(job.status).toBe('CANCELED');
  });
});
