import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { StoreError } from '../errors/index.ts';

/** The file that says which process has a store directory open. */
export const LOCK_FILE = 'store.lock';

/** Another process (or this one, through another open) has the store directory open. */
export class StoreLockedError extends StoreError {
  constructor(
    readonly dir: string,
    readonly holder: string,
  ) {
    super(
      'STORE_LOCKED',
      `the store directory '${dir}' is in use by ${holder}; stop that store first (if no store runs there, remove ` +
        `'${path.join(dir, LOCK_FILE)}')`,
    );
  }
}

/** Directories this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on a store directory, as PostgreSQL's postmaster.pid: `store.lock` is created with O_EXCL and
 * holds the owner's pid and host. A lock whose process is gone (a SIGKILLed store) is taken over at once; a lock of a
 * live process, or of another open in this process, is refused with a message naming it. Time-based staleness (as
 * lock libraries use) would keep a crashed store from restarting for the stale period, so liveness is asked of the
 * process table instead. The lock is released by `release` (on close) and left behind only by a crash.
 */
export class DirectoryLock {
  private released = false;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {}

  static acquire(dir: string): DirectoryLock {
    const resolved = path.resolve(dir);
    const file = path.join(resolved, LOCK_FILE);
    if (heldHere.has(resolved)) throw new StoreLockedError(resolved, `this process (pid ${process.pid})`);
    mkdirSync(resolved, { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`);
        closeSync(fd);
        heldHere.add(resolved);
        return new DirectoryLock(resolved, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(file);
      if (holder !== undefined && holder.host === hostname() && !alive(holder.pid)) {
        unlinkSync(file); // the owner died without releasing it: take it over
        continue;
      }
      throw new StoreLockedError(resolved, describe(holder));
    }
    throw new StoreLockedError(resolved, describe(readHolder(file)));
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.dir);
    try {
      unlinkSync(this.file);
    } catch {
      // Already gone (removed by hand): nothing to release.
    }
  }
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

function readHolder(file: string): Holder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '?') };
  } catch {
    return undefined;
  }
}

function describe(holder: Holder | undefined): string {
  if (holder === undefined) return `a lock file that could not be read`;
  return `process ${holder.pid} on ${holder.host} (since ${holder.since})`;
}
