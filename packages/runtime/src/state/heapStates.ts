import type {
  AggregatingState,
  AggregatingStateDescriptor,
  Key,
  KeyedStateStore,
  ListState,
  ListStateDescriptor,
  MapState,
  MapStateDescriptor,
  ReducingState,
  ReducingStateDescriptor,
  StateDescriptor,
  StateTtlConfig,
  ValueState,
  ValueStateDescriptor,
} from '@dhara/core';
import type { KeyedStateBackend, StateTable } from './KeyedStateBackend.ts';

interface Stamped<V> {
  value: V;
  touched: number;
}

/**
 * Reads and writes one entry per current key, with optional TTL: an entry older than its TTL (by the task's
 * processing-time clock) reads as absent and is removed on that read. Map state keeps a TTL per map entry; the other
 * kinds per state entry.
 */
class Cell<V> {
  private readonly table: StateTable<V | Stamped<V>>;

  constructor(
    private readonly backend: KeyedStateBackend,
    name: string,
    private readonly ttl: StateTtlConfig | undefined,
  ) {
    this.table = backend.table(name);
  }

  get(): V | undefined {
    const bucket = this.backend.bucket(this.table);
    const entry = bucket.get(this.backend.currentKey);
    if (entry === undefined || this.ttl === undefined) return entry as V | undefined;
    const stamped = entry as Stamped<V>;
    const now = this.backend.now();
    if (now - stamped.touched >= this.ttl.ttlMs) {
      bucket.delete(this.backend.currentKey);
      return undefined;
    }
    if (this.ttl.updateType === 'onReadAndWrite') stamped.touched = now;
    return stamped.value;
  }

  set(value: V): void {
    const stored = this.ttl === undefined ? value : { value, touched: this.backend.now() };
    this.backend.bucket(this.table).set(this.backend.currentKey, stored);
  }

  clear(): void {
    this.backend.bucket(this.table).delete(this.backend.currentKey);
  }
}

function valueState<T>(backend: KeyedStateBackend, d: ValueStateDescriptor<T>): ValueState<T> {
  const cell = new Cell<T>(backend, d.name, d.ttl);
  return {
    value: () => {
      const v = cell.get();
      return v === undefined ? d.defaultValue : v;
    },
    update: (v) => cell.set(v),
    clear: () => cell.clear(),
  };
}

function listState<T>(backend: KeyedStateBackend, d: ListStateDescriptor<T>): ListState<T> {
  const cell = new Cell<T[]>(backend, d.name, d.ttl);
  return {
    get: () => [...(cell.get() ?? [])],
    add: (v) => {
      const list = cell.get() ?? [];
      list.push(v);
      cell.set(list);
    },
    addAll: (vs) => {
      const list = cell.get() ?? [];
      for (const v of vs) list.push(v);
      cell.set(list);
    },
    update: (vs) => cell.set([...vs]),
    clear: () => cell.clear(),
  };
}

function mapState<K extends Key, V>(backend: KeyedStateBackend, d: MapStateDescriptor<K, V>): MapState<K, V> {
  const cell = new Cell<Map<K, Stamped<V>>>(backend, d.name, undefined);
  const ttl = d.ttl;
  const live = (): Map<K, Stamped<V>> => {
    const map = cell.get() ?? new Map<K, Stamped<V>>();
    if (ttl !== undefined && map.size > 0) {
      const now = backend.now();
      for (const [k, e] of map) if (now - e.touched >= ttl.ttlMs) map.delete(k);
      // Every entry expired: the key's map goes too, as an expired entry of the other kinds does.
      if (map.size === 0) cell.clear();
    }
    return map;
  };
  const write = (map: Map<K, Stamped<V>>): void => {
    if (map.size === 0) cell.clear();
    else cell.set(map);
  };
  return {
    get: (k) => {
      const entry = live().get(k);
      if (entry !== undefined && ttl?.updateType === 'onReadAndWrite') entry.touched = backend.now();
      return entry?.value;
    },
    put: (k, v) => {
      const map = live();
      map.set(k, { value: v, touched: backend.now() });
      write(map);
    },
    remove: (k) => {
      const map = live();
      map.delete(k);
      write(map);
    },
    contains: (k) => live().has(k),
    entries: () => [...live()].map(([k, e]) => [k, e.value]),
    keys: () => [...live().keys()],
    values: () => [...live().values()].map((e) => e.value),
    isEmpty: () => live().size === 0,
    clear: () => cell.clear(),
  };
}

function reducingState<T>(backend: KeyedStateBackend, d: ReducingStateDescriptor<T>): ReducingState<T> {
  const cell = new Cell<T>(backend, d.name, d.ttl);
  return {
    get: () => cell.get(),
    add: (v) => {
      const current = cell.get();
      cell.set(current === undefined ? v : d.reduce(current, v));
    },
    clear: () => cell.clear(),
  };
}

function aggregatingState<IN, ACC, OUT>(
  backend: KeyedStateBackend,
  d: AggregatingStateDescriptor<IN, ACC, OUT>,
): AggregatingState<IN, OUT> {
  const cell = new Cell<ACC>(backend, d.name, d.ttl);
  return {
    get: () => {
      const acc = cell.get();
      return acc === undefined ? undefined : d.aggregate.getResult(acc);
    },
    add: (v) => cell.set(d.aggregate.add(v, cell.get() ?? d.aggregate.createAccumulator())),
    clear: () => cell.clear(),
  };
}

/**
 * Hands out state handles by descriptor; one handle per name, and a name is bound to one kind of state for good.
 */
export function keyedStateStore(backend: KeyedStateBackend, owner: string): KeyedStateStore {
  const handles = new Map<string, { kind: StateDescriptor['kind']; handle: unknown }>();
  const handle = <H>(d: StateDescriptor, make: () => H): H => {
    const known = handles.get(d.name);
    if (known !== undefined) {
      if (known.kind !== d.kind) {
        throw new TypeError(`${owner}: state '${d.name}' is ${known.kind} state, asked for as ${d.kind} state`);
      }
      return known.handle as H;
    }
    const made = make();
    handles.set(d.name, { kind: d.kind, handle: made });
    return made;
  };
  return {
    getState: (d) => handle(d, () => valueState(backend, d)),
    getListState: (d) => handle(d, () => listState(backend, d)),
    getMapState: (d) => handle(d, () => mapState(backend, d)),
    getReducingState: (d) => handle(d, () => reducingState(backend, d)),
    getAggregatingState: (d) => handle(d, () => aggregatingState(backend, d)),
  };
}
