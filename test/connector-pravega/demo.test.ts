// The README's main demo, run as a user runs it (a separate process), smaller: it must verify exactly-once itself
// and exit 0, with its killed worker, and leave no thread or handle behind (the process ends by itself).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function runDemo(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawn(process.execPath, [tsx, 'examples/pravega-exactly-once.ts', ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not exit within 90 s\n${output}`));
    }, 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test('npm run demo: a killed worker midway, and the committed window totals are exactly the expected ones', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dhara-demo-'));
  try {
    const { code, output } = await runDemo(['--readings', '12000', '--rate', '6000', '--dir', dir]);
    expect(output).toContain('injected worker exit');
    expect(output).toMatch(/restarts: +1 /);
    expect(output).toMatch(/wrong \/ duplicated \/ missing: 0 \/ 0 \/ 0/);
    expect(output).toContain('readings accounted:  12000 of 12000');
    expect(output).toContain('EXACTLY ONCE');
    expect(code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
