import { cpSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { afterRecords, jobPath, useMiniCluster, withEnv } from '../support/index.ts';
import { KEYS, RECORDS } from './jobs/rescale.ts';

const JOB = jobPath('runtime', 'rescale');
const WINDOWS_JOB = jobPath('runtime', 'windows-recovery');
const mini = useMiniCluster({ name: 'savepoints', workers: 2, slotsPerWorker: 4, metricsIntervalMs: 50 });

type Count = { key: number; count: number; sum: number };

function expectedCounts(): Map<number, { count: number; sum: number }> {
  const result = new Map<number, { count: number; sum: number }>();
  for (let i = 0; i < RECORDS; i++) {
    const e = result.get(i % KEYS) ?? { count: 0, sum: 0 };
    e.count++;
    e.sum += i;
    result.set(i % KEYS, e);
  }
  return result;
}

function countsOf(values: readonly unknown[]): Map<number, { count: number; sum: number }> {
  const counts = new Map<number, { count: number; sum: number }>();
  for (const { key, count, sum } of values as Count[]) {
    expect(counts.has(key), `key ${key} emitted twice`).toBe(false);
    counts.set(key, { count, sum });
  }
  return counts;
}

describe.each([
  [2, 3],
  [4, 1],
  [1, 4],
])('keyed count over the generator source: stop with a savepoint at parallelism %i, resume at %i', (from, to) => {
  test("the resumed job's final counts are exact; the stopped one emitted none", () =>
    withEnv({}, async () => {
      const first = await mini.cluster.submit(JOB, { parallelism: from });
      await afterRecords(first, RECORDS * 0.3);
      const savepoint = await first.stopWithSavepoint(path.join(mini.dir, 'savepoints'));
      const stopped = await first.result();
      expect(stopped.collected.counts ?? []).toEqual([]); // stopped without draining: the final counts come later
      const second = await mini.cluster.submit(JOB, { parallelism: to, fromSavepoint: savepoint });
      const result = await second.result();
      expect(countsOf(result.collected.counts!)).toEqual(expectedCounts());
    }));
});

test('a job resumed from a savepoint that fails before its first checkpoint restarts from the savepoint again', async () => {
  const first = await mini.cluster.submit(JOB, { parallelism: 2 });
  await afterRecords(first, RECORDS * 0.3);
  const savepoint = await first.stopWithSavepoint(path.join(mini.dir, 'savepoints'));
  await first.result();
  const savepointId = Number(/-(\d+)$/.exec(savepoint)![1]);
  const second = await mini.cluster.submit(JOB, {
    parallelism: 2,
    fromSavepoint: savepoint,
    faults: [{ operatorUid: 'count', subtaskIndex: 0, at: { records: 20 }, action: 'throw' }],
  });
  const result = await second.result();
  expect(result.restarts).toEqual([{ attempt: 1, checkpointId: savepointId }]);
  expect(countsOf(result.collected.counts!)).toEqual(expectedCounts());
});

test.each([
  [2, 3],
  [4, 1],
  [1, 4],
])(
  'an event-time window job stopped at parallelism %i and resumed at %i gives the output of a run without stop',
  async (from, to) => {
    const key = (w: { key: string; start: number }) => `${w.key}@${w.start}`;
    const clean = await (await mini.cluster.submit(WINDOWS_JOB, { parallelism: 2 })).result();
    const first = await mini.cluster.submit(WINDOWS_JOB, { parallelism: from });
    await afterRecords(first, 6_000);
    const savepoint = await first.stopWithSavepoint(path.join(mini.dir, 'savepoints'));
    const before = await first.result();
    const after = await (
      await mini.cluster.submit(WINDOWS_JOB, { parallelism: to, fromSavepoint: savepoint })
    ).result();
    const combine = (...results: { collected: Record<string, readonly unknown[]> }[]) =>
      results
        .flatMap((r) => (r.collected.windows ?? []) as { key: string; start: number }[])
        .map((w) => JSON.stringify([key(w), w]))
        .sort();
    expect(combine(before, after)).toEqual(combine(clean));
    const seconds = (...results: { collected: Record<string, readonly unknown[]> }[]) =>
      results
        .flatMap((r) => (r.collected.seconds ?? []) as unknown[])
        .map((s) => JSON.stringify(s))
        .sort();
    expect(seconds(before, after)).toEqual(seconds(clean));
  },
);

test.each([
  [2, 3],
  [3, 1],
])('the file source stopped at parallelism %i and resumed at %i reads every line exactly once', (from, to) => {
  const dir = mini.tempDir('files');
  const files: string[] = [];
  const lines: string[] = [];
  for (let f = 0; f < 4; f++) {
    const content = Array.from({ length: 3_000 }, (_, i) => `file-${f}-line-${i}`);
    lines.push(...content);
    const file = path.join(dir, `part-${f}.txt`);
    writeFileSync(file, `${content.join('\n')}${f % 2 === 0 ? '\n' : ''}`);
    files.push(file);
  }
  return withEnv({ RESCALE_SOURCE: 'files', RESCALE_FILES: JSON.stringify(files) }, async () => {
    const first = await mini.cluster.submit(JOB, { parallelism: from });
    await afterRecords(first, 3_000);
    const savepoint = await first.stopWithSavepoint(path.join(mini.dir, 'savepoints'));
    const before = await first.result();
    const after = await (await mini.cluster.submit(JOB, { parallelism: to, fromSavepoint: savepoint })).result();
    const read = [...(before.collected.lines ?? []), ...(after.collected.lines ?? [])] as string[];
    expect((before.collected.lines ?? []).length).toBeGreaterThan(0);
    expect(read.sort()).toEqual([...lines].sort());
  });
});

describe('savepoint compatibility', () => {
  let savepoint: string;
  beforeAll(async () => {
    const client = await mini.cluster.submit(JOB, { parallelism: 2 });
    await afterRecords(client, RECORDS * 0.2);
    savepoint = await client.stopWithSavepoint(path.join(mini.dir, 'savepoints'));
  });

  test('a savepoint directory moved to another path restores', async () => {
    const moved = path.join(mini.dir, 'moved', 'elsewhere');
    cpSync(savepoint, moved, { recursive: true });
    const result = await (await mini.cluster.submit(JOB, { parallelism: 2, fromSavepoint: moved })).result();
    expect(countsOf(result.collected.counts!)).toEqual(expectedCounts());
  });

  test('a job with an added operator restores', () =>
    withEnv({ RESCALE_EDIT: 'add-operator' }, async () => {
      const result = await (await mini.cluster.submit(JOB, { parallelism: 2, fromSavepoint: savepoint })).result();
      expect(countsOf(result.collected.counts!)).toEqual(expectedCounts());
    }));

  test('a job without a stateful operator of the savepoint is refused unless allowNonRestoredState', () =>
    withEnv({ RESCALE_EDIT: 'drop-count' }, async () => {
      await expect(mini.cluster.submit(JOB, { parallelism: 2, fromSavepoint: savepoint })).rejects.toThrow(
        /holds state of operator uid 'count', which the job does not have; pass allowNonRestoredState/,
      );
      const result = await (
        await mini.cluster.submit(JOB, { parallelism: 2, fromSavepoint: savepoint, allowNonRestoredState: true })
      ).result();
      expect(result.collected.counts!.length).toBeGreaterThan(0);
    }));

  test('a changed maxParallelism is refused with a message saying so', () =>
    withEnv({ RESCALE_MAX_PARALLELISM: '256' }, async () => {
      await expect(mini.cluster.submit(JOB, { parallelism: 2, fromSavepoint: savepoint })).rejects.toThrow(
        /it was taken with maxParallelism 128 and the job has 256/,
      );
    }));

  test('a truncated state file is refused by its size, a tampered one by its checksum, naming the file', async () => {
    const broken = path.join(mini.dir, 'broken');
    cpSync(savepoint, broken, { recursive: true });
    const file = readdirSync(broken).find((f) => f.endsWith('.state'))!;
    truncateSync(path.join(broken, file), 10);
    await expect(mini.cluster.submit(JOB, { parallelism: 2, fromSavepoint: broken })).rejects.toThrow(
      new RegExp(`state file .*${file} has 10 bytes`),
    );
    const tampered = path.join(mini.dir, 'tampered');
    cpSync(savepoint, tampered, { recursive: true });
    const target = path.join(tampered, file);
    const bytes = readFileSync(target);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(target, bytes);
    await expect(mini.cluster.submit(JOB, { parallelism: 2, fromSavepoint: tampered })).rejects.toThrow(
      new RegExp(`state file .*${file} fails its checksum`),
    );
  });
});
