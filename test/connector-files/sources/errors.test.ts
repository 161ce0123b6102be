import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobFailedError, MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { messageChain } from './fixtures.ts';

const REPO = new URL('../../../', import.meta.url).pathname;
const job = (name: string) => new URL(`../jobs/${name}.ts`, import.meta.url).pathname;

let cluster: MiniCluster;
let dir: string;
beforeAll(async () => {
  cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 2 });
  dir = mkdtempSync(join(tmpdir(), 'dhara-bad-input-'));
  chmodSync(dir, 0o755);
});
afterAll(async () => {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

async function failure(name: string, files: string[], env: Record<string, string> = {}): Promise<Error> {
  process.env.DHARA_TEST_FILES = JSON.stringify(files);
  Object.assign(process.env, env);
  try {
    const client = await cluster.submit(job(name), { parallelism: 2 });
    const error = await client.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobFailedError);
    expect(client.status).toBe('FAILED');
    return error as Error;
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
}

test('a missing path fails the job, naming the source and (in the cause) the path', async () => {
  const missing = join(dir, 'no-such-file.txt');
  const error = await failure('files', [missing]);
  expect(error.message).toContain("source 'Source: files'");
  // The enumerator's typed error is the cause of the coordinator's error (see the report: the runtime could put the
  // cause's message into its own).
  expect(messageChain(error)).toContain(`file source: no such file or directory: ${missing}`);
});

test('a file that is not UTF-8 fails the job with the path and line in the message', async () => {
  const path = join(dir, 'latin1.txt');
  writeFileSync(path, Buffer.concat([Buffer.from('fine\nalso fine\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]));
  const error = await failure('files', [path]);
  expect(error.message).toContain(`${path} is not valid UTF-8: line 3 (starting at byte 15)`);
  expect(error.message).toContain("operator 'Source: files'");
  expect((error.cause as { code?: string }).code).toBe('FILE_NOT_UTF8');
});

test('a malformed JSON line fails the job naming the file and line; with onMalformed it is handed over', async () => {
  const path = join(dir, 'values.jsonl');
  writeFileSync(path, '{"a":1}\n\n{"a":2}\n{oops\n[3]\n');
  const error = await failure('json-lines', [path]);
  expect(error.message).toContain(`file source: ${path}, line 4: not valid JSON`);

  process.env.DHARA_TEST_FILES = JSON.stringify([path]);
  process.env.DHARA_TEST_ON_MALFORMED = 'replace';
  try {
    const result = await (await cluster.submit(job('json-lines'), { parallelism: 1 })).result();
    expect(result.collected.values).toEqual([
      { a: 1 },
      { a: 2 },
      { malformed: '{oops', file: path, lineNumber: 4 },
      [3],
    ]);
  } finally {
    delete process.env.DHARA_TEST_ON_MALFORMED;
  }
});

test('a split enumerator that throws fails the job with the source name in the message', async () => {
  const error = await failure('../../runtime/jobs/throwing-enumerator', []);
  expect(error.message).toContain("source 'Source: refusing source'");
  expect(messageChain(error)).toContain('this enumerator refuses to start');
});

test('a directory without read permission fails the job naming the directory', (context) => {
  const locked = join(dir, 'locked');
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
