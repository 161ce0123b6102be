import type { KeyedStateBackend, StateTable } from '../../state/index.ts';
import type { WindowContents } from './windowContents.ts';

/** The contents of the current key's windows, by window namespace. */
export interface WindowState {
  get(namespace: string): unknown;
  /** Adds `value` to a window; true when the window held no contents before. */
  add(namespace: string, value: unknown): boolean;
  set(namespace: string, contents: unknown): void;
  delete(namespace: string): void;
  /** The namespaces of the current key's windows. */
  namespaces(): string[];
}

/**
 * Window contents kept per key, as snapshots hold them: a table entry per key, a map from namespace to contents. For
 * merging (session) windows, which look up all windows of a key; the entry goes with the key's last window.
 */
export class KeyWindowState implements WindowState {
  private readonly table: StateTable<Map<string, unknown>>;

  constructor(
    private readonly backend: KeyedStateBackend,
    name: string,
    private readonly contents: WindowContents,
  ) {
    this.table = backend.table(name);
  }

  get(namespace: string): unknown {
    return this.windows(false)?.get(namespace);
  }

  add(namespace: string, value: unknown): boolean {
    const windows = this.windows(true)!;
    const previous = windows.get(namespace);
    windows.set(namespace, this.contents.add(previous, value));
    return previous === undefined;
  }

  set(namespace: string, contents: unknown): void {
    this.windows(true)!.set(namespace, contents);
  }

  delete(namespace: string): void {
    const windows = this.windows(false);
    if (windows === undefined) return;
    windows.delete(namespace);
    if (windows.size === 0) this.backend.bucket(this.table).delete(this.backend.currentKey);
  }

  namespaces(): string[] {
    const windows = this.windows(false);
    return windows === undefined ? [] : [...windows.keys()];
  }

  private windows(create: boolean): Map<string, unknown> | undefined {
    const bucket = this.backend.bucket(this.table);
    let windows = bucket.get(this.backend.currentKey);
    if (windows === undefined && create) {
      windows = new Map();
      bucket.set(this.backend.currentKey, windows);
    }
    return windows;
  }
}
