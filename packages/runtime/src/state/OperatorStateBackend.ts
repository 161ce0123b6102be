import type { ListState, ListStateDescriptor, OperatorStateStore } from '@dhara/core';

function listHandle<T>(lists: Map<string, unknown[]>, name: string): ListState<T> {
  const list = (): T[] => {
    let l = lists.get(name);
    if (l === undefined) {
      l = [];
      lists.set(name, l);
    }
    return l as T[];
  };
  return {
    get: () => [...list()],
    add: (v) => {
      list().push(v);
    },
    addAll: (vs) => {
      list().push(...vs);
    },
    update: (vs) => {
      lists.set(name, [...vs]);
    },
    clear: () => {
      lists.set(name, []);
    },
  };
}

/**
 * The operator (non-keyed) state of one operator subtask: named lists. List state is split evenly over subtasks when
 * restored with another parallelism; union state goes whole to every subtask (the savepoint issue redistributes).
 */
export class OperatorStateBackend implements OperatorStateStore {
  private readonly lists = new Map<string, unknown[]>();
  private readonly unions = new Map<string, unknown[]>();

  constructor(restored?: { listState?: Record<string, unknown[]>; unionState?: Record<string, unknown[]> }) {
    for (const [name, values] of Object.entries(restored?.listState ?? {})) this.lists.set(name, [...values]);
    for (const [name, values] of Object.entries(restored?.unionState ?? {})) this.unions.set(name, [...values]);
  }

  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T> {
    if (this.unions.has(descriptor.name)) throw new TypeError(`state '${descriptor.name}' is union list state`);
    return listHandle<T>(this.lists, descriptor.name);
  }

  getUnionListState<T>(descriptor: ListStateDescriptor<T>): ListState<T> {
    if (this.lists.has(descriptor.name)) throw new TypeError(`state '${descriptor.name}' is (non-union) list state`);
    return listHandle<T>(this.unions, descriptor.name);
  }

  /** A copy of the lists, or undefined when there are none. */
  snapshot(): { listState?: Record<string, unknown[]>; unionState?: Record<string, unknown[]> } | undefined {
    if (this.lists.size === 0 && this.unions.size === 0) return undefined;
    return {
      ...(this.lists.size > 0 ? { listState: Object.fromEntries([...this.lists].map(([k, v]) => [k, [...v]])) } : {}),
      ...(this.unions.size > 0
        ? { unionState: Object.fromEntries([...this.unions].map(([k, v]) => [k, [...v]])) }
        : {}),
    };
  }
}
