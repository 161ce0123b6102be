import type { Key } from '@dhara/core';

/**
 * Items indexed by (namespace, key, timestamp) in nested maps, so that finding one builds no string id. A
 * (namespace, key) pair usually holds one timestamp, which is stored bare; a second one turns it into a map by
 * timestamp. Keys compare as a JS Map compares them: the number 1 and the string '1' are different keys.
 */
export class TimerIndex<T extends { readonly timestamp: number }> {
  private readonly byNamespace = new Map<string, Map<Key, T | Map<number, T>>>();
  private count = 0;
  /** The last namespace looked up and its map (timers come in runs of one namespace, e.g. a window's end). */
  private lastNamespace: string | undefined;
  private lastByKey: Map<Key, T | Map<number, T>> | undefined;

  get size(): number {
    return this.count;
  }

  get(timestamp: number, key: Key, namespace: string): T | undefined {
    const entry = this.keysOf(namespace)?.get(key);
    if (entry === undefined) return undefined;
    if (entry instanceof Map) return entry.get(timestamp);
    return entry.timestamp === timestamp ? entry : undefined;
  }

  /** Adds `item`; the caller has checked that none is set for its (namespace, key, timestamp). */
  add(key: Key, namespace: string, item: T): void {
    let byKey = this.keysOf(namespace);
    if (byKey === undefined) {
      byKey = new Map();
      this.byNamespace.set(namespace, byKey);
    }
    const entry = byKey.get(key);
    if (entry === undefined) byKey.set(key, item);
    else if (entry instanceof Map) entry.set(item.timestamp, item);
    else
      byKey.set(
        key,
        new Map([
          [entry.timestamp, entry],
          [item.timestamp, item],
        ]),
      );
    this.count++;
  }

  /** Removes and returns the item at (namespace, key, timestamp), if there is one. */
  delete(timestamp: number, key: Key, namespace: string): T | undefined {
    const byKey = this.keysOf(namespace);
    const entry = byKey?.get(key);
    if (byKey === undefined || entry === undefined) return undefined;
    let removed: T | undefined;
    if (entry instanceof Map) {
      removed = entry.get(timestamp);
      if (removed === undefined) return undefined;
      entry.delete(timestamp);
      if (entry.size === 0) byKey.delete(key);
    } else {
      if (entry.timestamp !== timestamp) return undefined;
      removed = entry;
      byKey.delete(key);
    }
    if (byKey.size === 0) {
      this.byNamespace.delete(namespace);
      this.lastNamespace = undefined;
      this.lastByKey = undefined;
    }
    this.count--;
    return removed;
  }

  private keysOf(namespace: string): Map<Key, T | Map<number, T>> | undefined {
    if (namespace === this.lastNamespace) return this.lastByKey;
    const byKey = this.byNamespace.get(namespace);
    if (byKey !== undefined) {
      this.lastNamespace = namespace;
      this.lastByKey = byKey;
    }
    return byKey;
  }
}
