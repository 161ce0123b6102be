import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobFailedError } from '@dhara/runtime';
import { beforeAll, expect, test } from 'vitest';
import { jobPath, messageChain, useMiniCluster, withEnv } from '../../support/index.ts';

const REPO = new URL('../../../', import.meta.url).pathname;
const job = (name: string) => jobPath('connector-files', name);
const mini = useMiniCluster({ name: 'bad-input', workers: 2, slotsPerWorker: 2 });
beforeAll(() => {
  // Open to all (mkdtemp makes it the owner's only): the permission test runs a job in it as another user.
  chmodSync(mini.dir, 0o755);
});

function failure(name: string, files: string[]): Promise<Error> {
  return withEnv({ DHARA_TEST_FILES: JSON.stringify(files) }, async () => {
    const client = await mini.cluster.submit(job(name), { parallelism: 2 });
    const error = await client.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobFailedError);
    expect(client.status).toBe('FAILED');
    return error as Error;
  });
}

test('a missing path fails the job, naming the source and (in the cause) the path', async () => {
  const missing = join(mini.dir, 'no-such-file.txt');
  const error = await failure('files', [missing]);
  expect(error.message).toContain("source 'Source: files'");
  // The enumerator's typed error is the cause of the coordinator's error (see the report: the runtime could put the
  // cause's message into its own).
  expect(messageChain(error)).toContain(`file source: no such file or directory: ${missing}`);
});

test('a file that is not UTF-8 fails the job with the path and line in the message', async () => {
  const path = join(mini.dir, 'latin1.txt');
  writeFileSync(path, Buffer.concat([Buffer.from('fine\nalso fine\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]));
  const error = await failure('files', [path]);
  expect(error.message).toContain(`${path} is not valid UTF-8: line 3 (starting at byte 15)`);
  expect(error.message).toContain("operator 'Source: files'");
  expect((error.cause as { code?: string }).code).toBe('FILE_NOT_UTF8');
});

test('a malformed JSON line fails the job naming the file and line; with onMalformed it is handed over', async () => {
  const path = join(mini.dir, 'values.jsonl');
  writeFileSync(path, '{"a":1}\n\n{"a":2}\n{oops\n[3]\n');
  const error = await failure('json-lines', [path]);
  expect(error.message).toContain(`file source: ${path}, line 4: not valid JSON`);

  await withEnv({ DHARA_TEST_FILES: JSON.stringify([path]), DHARA_TEST_ON_MALFORMED: 'replace' }, async () => {
    const result = await (await mini.cluster.submit(job('json-lines'), { parallelism: 1 })).result();
    expect(result.collected.values).toEqual([
      { a: 1 },
      { a: 2 },
      { malformed: '{oops', file: path, lineNumber: 4 },
      [3],
    ]);
  });
});

test('a directory without read permission fails the job naming the directory', (context) => {
  const locked = join(mini.dir, 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'secret.txt'), 'x\n');
  chmodSync(locked, 0o000);
  // Root reads any directory, so the job runs as an unprivileged user in a child process. Without the right to
  // switch users, the test cannot make a directory unreadable: skip it, saying why.
  const isRoot = process.getuid?.() === 0;
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL('./unreadable-dir.child.ts', import.meta.url).pathname, locked],
    { cwd: REPO, encoding: 'utf8', timeout: 60_000, ...(isRoot ? { uid: 65534, gid: 65534 } : {}) },
  );
  chmodSync(locked, 0o755);
  if (child.error !== undefined && isRoot) {
    context.skip(`cannot run as an unprivileged user to test permissions (${child.error.message})`);
    return;
  }
  expect(child.status, child.stderr).toBe(0);
  const outcome = JSON.parse(child.stdout) as { failed: boolean; message: string; code: string };
  expect(outcome.failed).toBe(true);
  expect(outcome.code).toBe('FILE_NOT_READABLE');
  expect(outcome.message).toContain(`file source: permission denied reading ${locked}`);
});
