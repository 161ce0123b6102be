// Runs the repository's commands as child processes, as a user runs them from the shell: the dhara command and the
// TypeScript benchmark scripts (through tsx's loader). Each benchmark then has a process of its own, as when run
// alone: fresh threads, and CPU accounting (`process.cpuUsage()`) that counts nothing else.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DHARA = fileURLToPath(new URL('../../packages/cli/bin/dhara.mjs', import.meta.url));

/** Runs node with `args` in this process's working directory, its output on ours; resolves to its exit code. */
function runNode(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.once('error', reject);
    // A child ended by a signal has no exit code: count it as failed.
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** `dhara <args>` (packages/cli/bin/dhara.mjs). */
export function runDhara(args: readonly string[]): Promise<number> {
  return runNode([DHARA, ...args]);
}

/** `tsx <script> <args>`: node with tsx's loader registered, as `npx tsx <script>` runs it. */
export function runScript(script: string, args: readonly string[]): Promise<number> {
  return runNode(['--import', 'tsx', script, ...args]);
}
