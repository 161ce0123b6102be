// One store per directory: a second open — in this process or another — is refused with STORE_LOCKED naming the
// holder, before it touches the journal; a holder that was SIGKILLed leaves a lock that the next open takes over.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonSerializer, LOCK_FILE, PravegaStore, ScalingPolicy, StoreLockedError } from '../src/index.ts';
import { kill, startServer, tempDir } from './helpers.ts';

const CLI = fileURLToPath(new URL('../../cli/bin/dhara.mjs', import.meta.url));

describe('the store directory lock', () => {
  let tmp: ReturnType<typeof tempDir>;
  /** Processes a test started: killed afterwards whatever its outcome, so a failing test leaves none running. */
  const children: ChildProcess[] = [];
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) await kill(child);
    tmp.remove();
  });

  it('refuses a second open in the same process until the first is closed', async () => {
    const first = await PravegaStore.open({ dir: tmp.dir });
    const second = PravegaStore.open({ dir: tmp.dir });
    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(second).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await expect(second).rejects.toThrow(`this process (pid ${process.pid})`);
    await first.close();
    expect(existsSync(path.join(tmp.dir, LOCK_FILE))).toBe(false);
    const again = await PravegaStore.open({ dir: tmp.dir });
    await again.close();
  });

  it('refuses `dhara store start` on a directory a live process holds, naming it, and leaves its events intact', async () => {
    const store = await PravegaStore.open({ dir: tmp.dir });
    const mgr = store.client().streamManager();
    await mgr.createScope('s');
    await mgr.createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(1) });
    const writer = store.client().createEventWriter('s', 'st', new JsonSerializer<number>());
    for (let i = 0; i < 100; i++) await writer.writeEvent('k', i);

    const child = spawn(process.execPath, [CLI, 'store', 'start', '--dir', tmp.dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `dhara store: the store directory '${path.resolve(tmp.dir)}' is in use by process ${process.pid} on ` +
        `${JSON.parse(readFileSync(path.join(tmp.dir, LOCK_FILE), 'utf8')).host} (since ` +
        `${JSON.parse(readFileSync(path.join(tmp.dir, LOCK_FILE), 'utf8')).since}); stop that store first (if no ` +
        `store runs there, remove '${path.join(path.resolve(tmp.dir), LOCK_FILE)}')`,
    );
    await writer.close();
    await store.close();
    const reopened = await PravegaStore.open({ dir: tmp.dir });
    const info = await reopened.client().streamManager().getStreamInfo('s', 'st');
    expect(info.tailStreamCut).toBeDefined();
    const batch = reopened.client().batchClient();
    const events: number[] = [];
    for (const r of await batch.getSegments('s', 'st')) {
      for await (const e of batch.readSegment(r, new JsonSerializer<number>())) events.push(e);
    }
    expect(events).toEqual(Array.from({ length: 100 }, (_, i) => i));
    await reopened.close();
  });

  it('takes over the lock of a store process that was SIGKILLed', async () => {
    const server = await startServer(tmp.dir);
    children.push(server.child);
    expect(existsSync(path.join(tmp.dir, LOCK_FILE))).toBe(true);
    await expect(PravegaStore.open({ dir: tmp.dir })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await kill(server.child);
    const store = await PravegaStore.open({ dir: tmp.dir });
    await store.close();
  });
});
