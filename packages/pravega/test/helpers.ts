import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { PravegaStore } from '../src/index.ts';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dhara-store-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** An embedded store in a fresh temporary folder for each test of the calling suite; the getter returns it. */
export function useEmbeddedStore(): () => PravegaStore {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let store: PravegaStore | undefined;
  beforeEach(async () => {
    tmp = tempDir();
    store = await PravegaStore.open({ dir: tmp.dir });
  });
  afterEach(async () => {
    await store?.close();
    tmp?.remove();
  });
  return () => store!;
}

export async function readAll<T>(
  reader: { readNextEvent(ms: number): Promise<{ event: T | null; isCheckpoint: boolean; isReadCompleted: boolean }> },
  count: number,
  timeoutMs = 10_000,
): Promise<T[]> {
  const out: T[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count && Date.now() < deadline) {
    const r = await reader.readNextEvent(200);
    if (r.event !== null) out.push(r.event);
  }
  return out;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./fixtures/server.ts', import.meta.url));

/** Start a standalone store server process; resolves with the child and its port. */
export function startServer(dir: string, port = 0): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER, dir, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
}

export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
