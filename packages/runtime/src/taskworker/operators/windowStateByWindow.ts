import type { Key } from '@dhara/core';
import { assignToKeyGroup, type KeyedStateBackend } from '../../state/index.ts';
import type { WindowContents } from './windowContents.ts';
import type { WindowState } from './windowState.ts';

/**
 * Window contents kept per window, then per key: the records of one window (for many keys) and the timers of one
 * window end (which fire together) find one map, remembered between calls, instead of a map per key. For windows
 * that do not merge. Snapshots hold the per-key form of KeyWindowState (built at snapshot time, by key group), and
 * restored entries are taken over from the backend's table.
 */
export class WindowStateByWindow implements WindowState {
  private readonly windows = new Map<string, Map<Key, unknown>>();
  private lastNamespace: string | undefined;
  private lastWindow: Map<Key, unknown> | undefined;

  constructor(
    private readonly backend: KeyedStateBackend,
    name: string,
    private readonly contents: WindowContents,
  ) {
    for (const bucket of backend.table<Map<string, unknown>>(name).groups) {
      for (const [key, windows] of bucket) {
        for (const [namespace, contents] of windows) this.window(namespace, true)!.set(key, contents);
      }
      bucket.clear();
    }
    backend.addSnapshotSource(name, () => this.snapshot());
  }

  get(namespace: string): unknown {
    return this.window(namespace, false)?.get(this.backend.currentKey);
  }

  add(namespace: string, value: unknown): boolean {
    const window = this.window(namespace, true)!;
    const key = this.backend.currentKey;
    const previous = window.get(key);
    window.set(key, this.contents.add(previous, value));
    return previous === undefined;
  }

  set(namespace: string, contents: unknown): void {
    this.window(namespace, true)!.set(this.backend.currentKey, contents);
  }

  delete(namespace: string): void {
    const window = this.window(namespace, false);
    if (window === undefined) return;
    window.delete(this.backend.currentKey);
    if (window.size === 0) {
      this.windows.delete(namespace);
      this.lastNamespace = undefined;
      this.lastWindow = undefined;
    }
  }

  namespaces(): string[] {
    const key = this.backend.currentKey;
    return [...this.windows].filter(([, window]) => window.has(key)).map(([namespace]) => namespace);
  }

  private window(namespace: string, create: boolean): Map<Key, unknown> | undefined {
    if (namespace === this.lastNamespace) return this.lastWindow;
    let window = this.windows.get(namespace);
    if (window === undefined) {
      if (!create) return undefined;
      window = new Map();
      this.windows.set(namespace, window);
    }
    this.lastNamespace = namespace;
    this.lastWindow = window;
    return window;
  }

  /** Per key group: [key, Map<namespace, contents>]. */
  private snapshot(): Map<number, [Key, unknown][]> {
    const byKey = new Map<Key, Map<string, unknown>>();
    for (const [namespace, window] of this.windows) {
      for (const [key, contents] of window) {
        let windows = byKey.get(key);
        if (windows === undefined) {
          windows = new Map();
          byKey.set(key, windows);
        }
        windows.set(namespace, contents);
      }
    }
    const groups = new Map<number, [Key, unknown][]>();
    for (const [key, windows] of byKey) {
      const group = assignToKeyGroup(key, this.backend.maxParallelism);
      let entries = groups.get(group);
      if (entries === undefined) {
        entries = [];
        groups.set(group, entries);
      }
      entries.push([key, windows]);
    }
    return groups;
  }
}
