import type { Key } from '@dhara/core';

/** A timer of one key (and namespace, e.g. a window) at one time. */
export interface Timer {
  readonly timestamp: number;
  readonly key: Key;
  readonly namespace: string;
  /** Registration order, to fire timers of equal time in the order they were set. */
  readonly seq: number;
}

function idOf(timestamp: number, key: Key, namespace: string): string {
  return `${timestamp}\u0000${typeof key}\u0000${String(key)}\u0000${namespace}`;
}

function before(a: Timer, b: Timer): boolean {
  return a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq);
}

/**
 * A priority queue of timers by time, deduplicated: one timer per (key, namespace, time). Deleted timers are removed
 * from the index at once and skipped when they reach the head of the heap.
 */
export class TimerQueue {
  private readonly heap: Timer[] = [];
  private readonly live = new Map<string, Timer>();
  private seq = 0;

  get size(): number {
    return this.live.size;
  }

  /** Adds a timer; false when the same one is already set. */
  add(timestamp: number, key: Key, namespace: string): boolean {
    const id = idOf(timestamp, key, namespace);
    if (this.live.has(id)) return false;
    const timer: Timer = { timestamp, key, namespace, seq: this.seq++ };
    this.live.set(id, timer);
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
    return true;
  }

  delete(timestamp: number, key: Key, namespace: string): void {
    this.live.delete(idOf(timestamp, key, namespace));
  }

  /** Every live timer, in no particular order. */
  all(): Timer[] {
    return [...this.live.values()];
  }

  /** The earliest live timer, if any. */
  peek(): Timer | undefined {
    this.dropDeleted();
    return this.heap[0];
  }

  /** Removes and returns the earliest live timer if it is due at `time`. */
  pollDue(time: number): Timer | undefined {
    const head = this.peek();
    if (head === undefined || head.timestamp > time) return undefined;
    this.popHead();
    this.live.delete(idOf(head.timestamp, head.key, head.namespace));
    return head;
  }

  private dropDeleted(): void {
    for (;;) {
      const head = this.heap[0];
      if (head === undefined || this.live.get(idOf(head.timestamp, head.key, head.namespace)) === head) return;
      this.popHead();
    }
  }

  private popHead(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
