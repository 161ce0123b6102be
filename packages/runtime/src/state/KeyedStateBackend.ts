import type { Key } from '@dhara/core';
import { KeyGroupMismatchError } from './KeyGroupMismatchError.ts';
import { assignToKeyGroup, type KeyGroupRange } from './keyGroups.ts';
import { readEntries, type StoredEntries, storeEntries } from './storedEntries.ts';

/** One named piece of keyed state: per key group, a map from key to value. */
export class StateTable<V> {
  readonly groups: Map<Key, V>[];

  constructor(groupCount: number) {
    this.groups = Array.from({ length: groupCount }, () => new Map<Key, V>());
  }

  get size(): number {
    return this.groups.reduce((n, g) => n + g.size, 0);
  }
}

/**
 * The heap keyed state of one operator subtask: named tables bucketed by key group (so that a checkpoint can cut and
 * redistribute them by key group), and the current key, which every state handle reads and writes.
 */
export class KeyedStateBackend {
  private readonly tables = new Map<string, StateTable<unknown>>();
  private readonly snapshotSources = new Map<string, () => Map<number, [Key, unknown][]>>();
  private key: Key | undefined;
  private group = -1;

  constructor(
    readonly range: KeyGroupRange,
    readonly maxParallelism: number,
    /** Processing time, for state TTL. */
    readonly now: () => number,
  ) {}

  /** Makes `key` the current key; fails if this subtask does not own its key group. */
  setCurrentKey(key: Key): void {
    if (Object.is(key, this.key)) return; // the same key again: its group is known and owned
    const group = assignToKeyGroup(key, this.maxParallelism);
    if (group < this.range.start || group > this.range.end) throw new KeyGroupMismatchError(key, group, this.range);
    this.key = key;
    this.group = group - this.range.start;
  }

  get currentKey(): Key {
    if (this.key === undefined) throw new Error('keyed state used outside of a keyed context (no current key)');
    return this.key;
  }

  /** The current key's bucket in a table. */
  bucket<V>(table: StateTable<V>): Map<Key, V> {
    if (this.key === undefined) throw new Error('keyed state used outside of a keyed context (no current key)');
    return table.groups[this.group]!;
  }

  table<V>(name: string): StateTable<V> {
    let table = this.tables.get(name);
    if (table === undefined) {
      table = new StateTable(this.range.end - this.range.start + 1);
      this.tables.set(name, table);
    }
    return table as StateTable<V>;
  }

  /**
   * Adds state an operator keeps in its own structure to the snapshots, as table `name`: `source` gives its entries
   * per (absolute) key group, in the form of a table's entries. Restored entries of that table arrive in the table
   * (`table(name)`), for the operator to take over.
   */
  addSnapshotSource(name: string, source: () => Map<number, [Key, unknown][]>): void {
    this.snapshotSources.set(name, source);
  }

  /**
   * Every table's entries, per key group (absolute key-group numbers); groups without entries are left out. Tables
   * of numbers come packed (`storedEntries.ts`); the snapshot shares nothing with the live state.
   */
  snapshotTables(): Map<number, Record<string, StoredEntries>> {
    const groups = new Map<number, Record<string, StoredEntries>>();
    for (const [name, source] of this.snapshotSources) {
      for (const [group, entries] of source()) {
        if (entries.length === 0) continue;
        const tables = groups.get(group) ?? {};
        tables[name] = entries;
        groups.set(group, tables);
      }
    }
    for (const [name, table] of this.tables) {
      table.groups.forEach((bucket, index) => {
        if (bucket.size === 0) return;
        const group = this.range.start + index;
        const tables = groups.get(group) ?? {};
        tables[name] = storeEntries(bucket);
        groups.set(group, tables);
      });
    }
    return groups;
  }

  /** Loads the entries of the key groups this subtask owns; groups outside its range are ignored. */
  restoreTables(groups: Iterable<[number, Record<string, StoredEntries>]>): void {
    for (const [group, tables] of groups) {
      if (group < this.range.start || group > this.range.end) continue;
      for (const [name, entries] of Object.entries(tables)) {
        const bucket = this.table(name).groups[group - this.range.start]!;
        for (const [key, value] of readEntries(entries)) bucket.set(key, value);
      }
    }
  }

  /** How many keys hold an entry in any table. */
  get entryCount(): number {
    let n = 0;
    for (const table of this.tables.values()) n += table.size;
    return n;
  }
}
