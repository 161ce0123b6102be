import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the dhara command; the process must end by itself (no thread or handle left behind) within the timeout. */
function dhara(
  args: string[],
  timeoutMs = 60_000,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['packages/cli/bin/dhara.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dhara ${args.join(' ')} did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test('dhara run runs the word count example to the end, prints a summary, and exits 0', async () => {
  const { code, stdout } = await dhara(['run', 'examples/wordcount.ts', '--parallelism', '2']);
  expect(code).toBe(0);
  expect(stdout).toContain("dhara: job 'wordcount'");
  expect(stdout).toMatch(/job 'wordcount' finished in \d+\.\d\d s/);
  expect(stdout).toMatch(/Source: lines -> split\s+2\s+20,000\s+140,000/);
  expect(stdout).toMatch(/progress:[12]> \{"word":"\w+","count":5000\}/);
});

test('the clicks-per-minute example counts per user and minute of event time and sends the late click aside', async () => {
  const { code, stdout } = await dhara(['run', 'examples/clicks-per-minute.ts', '--parallelism', '2', '--quiet']);
  expect(code).toBe(0);
  const lines = stdout
    .split('\n')
    .filter((l) => /^(count|late)(:\d)?> /.test(l))
    .map((l) => l.replace(/^(count|late)(:\d)?> /, '$1 '))
    .sort();
  expect(lines).toEqual([
    'count 09:00 ann 2 clicks',
    'count 09:00 bob 2 clicks',
    'count 09:01 ann 1 click',
    'count 09:01 bob 1 click',
    'count 09:01 cid 1 click',
    'count 09:02 ann 1 click',
    'count 09:03 cid 2 clicks',
    'late {"user":"bob","page":"/home","ts":1795338030000}',
  ]);
});

test('--checkpoint-interval turns checkpointing on and the summary reports the checkpoints', async () => {
  const { code, stdout } = await dhara([
    'run',
    'test/runtime/jobs/rescale.ts',
    '-p',
    '2',
    '--quiet',
    '--checkpoint-interval',
    '50ms',
  ]);
  expect(code).toBe(0);
  expect(stdout).toMatch(/checkpoints: \d+ completed, 0 failed; end-to-end p50 [\d.]+ ms/);
  expect(stdout).toMatch(/latest: #\d+, [\d,]+ bytes of state/);
});

test('dhara run exits 1 with the error when the job fails', async () => {
  const { code, stderr } = await dhara(['run', 'test/runtime/jobs/throwing-map.ts']);
  expect(code).toBe(1);
  expect(stderr).toContain("job 'test-throwing-map' failed in operator 'exploding map' (uid 'exploding-map')");
  expect(stderr).toContain('RangeError: boom at record 5000');
});

test('dhara rejects bad arguments with exit code 2 and a message naming the problem', async () => {
  const missing = await dhara(['run']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('the job module is missing');
  const badNumber = await dhara(['run', 'examples/wordcount.ts', '--parallelism', 'zero']);
  expect(badNumber.code).toBe(2);
  expect(badNumber.stderr).toContain("--parallelism must be a positive integer, got 'zero'");
  const badInterval = await dhara(['run', 'examples/wordcount.ts', '--checkpoint-interval', 'soon']);
  expect(badInterval.code).toBe(2);
  expect(badInterval.stderr).toContain("--checkpoint-interval must be a duration such as 1s or 500ms, got 'soon'");
  const unknown = await dhara(['fly']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("unknown command 'fly'");
});

test('SIGUSR2 takes a savepoint of a running job; dhara savepoint info reads it; dhara run --from-savepoint resumes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dhara-cli-savepoints-'));
  try {
    const child = spawn(
      process.execPath,
      [
        'packages/cli/bin/dhara.mjs',
        'run',
        'test/runtime/jobs/rescale.ts',
        '-p',
        '2',
        '--quiet',
        '--savepoint-dir',
        dir,
      ],
      {
        cwd: ROOT,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const savepoint = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('submitted') && !stdout.includes('taking a savepoint')) {
          setTimeout(() => child.kill('SIGUSR2'), 300);
          stdout += '\n(signalled)';
        }
        const written = /savepoint written to (\S+)/.exec(stdout);
        if (written) resolve(written[1]!);
      });
      child.on('close', () => reject(new Error(`no savepoint:\n${stdout}\n${stderr}`)));
    });
    const location = await savepoint;
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const info = await dhara(['savepoint', 'info', location]);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^savepoint \d+ of job 'test-rescale'/);
    expect(info.stdout).toContain('all checksums verified');
    const resumed = await dhara([
      'run',
      'test/runtime/jobs/rescale.ts',
      '-p',
      '3',
      '--quiet',
      '--from-savepoint',
      location,
    ]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`restored from ${location}`);
    const bad = await dhara(['savepoint', 'info', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('it has no _metadata');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
