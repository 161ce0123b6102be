import type { Key } from '@dhara/core';
import { TimeHeap } from './TimeHeap.ts';
import { TimerIndex } from './TimerIndex.ts';

/** A timer of one key (and namespace, e.g. a window) at one time. */
export interface Timer {
  readonly timestamp: number;
  readonly key: Key;
  readonly namespace: string;
  /** Registration order, to fire timers of equal time in the order they were set. */
  readonly seq: number;
}

class QueuedTimer implements Timer {
  deleted = false;

  constructor(
    readonly timestamp: number,
    readonly key: Key,
    readonly namespace: string,
    readonly seq: number,
  ) {}
}

/** The timers of one time, in registration order; those before `head` have fired, deleted ones are skipped. */
interface Bucket {
  timers: QueuedTimer[];
  head: number;
  live: number;
}

/**
 * A priority queue of timers by time, ties in registration order, deduplicated: one timer per (key, namespace, time).
 * Timers are kept in a bucket per time (registration order is the order of appending), and a heap orders the times:
 * timers of one time (a window's end, for every key) cost no heap work each, and none builds a string id.
 */
export class TimerQueue {
  /** The times that have a bucket, each once. */
  private readonly times = new TimeHeap();
  private readonly buckets = new Map<number, Bucket>();
  private readonly index = new TimerIndex<QueuedTimer>();
  private seq = 0;

  get size(): number {
    return this.index.size;
  }

  /** Adds a timer; false when the same one is already set. */
  add(timestamp: number, key: Key, namespace: string): boolean {
    if (this.index.get(timestamp, key, namespace) !== undefined) return false;
    const timer = new QueuedTimer(timestamp, key, namespace, this.seq++);
    this.index.add(key, namespace, timer);
    let bucket = this.buckets.get(timestamp);
    if (bucket === undefined) {
      bucket = { timers: [], head: 0, live: 0 };
      this.buckets.set(timestamp, bucket);
      this.times.push(timestamp);
    }
    bucket.timers.push(timer);
    bucket.live++;
    return true;
  }

  delete(timestamp: number, key: Key, namespace: string): void {
    const timer = this.index.delete(timestamp, key, namespace);
    if (timer === undefined) return;
    timer.deleted = true;
    const bucket = this.buckets.get(timestamp)!;
    bucket.live--;
    // Deleted timers wait in their bucket to be skipped; compact it before they outnumber the live ones. (An empty
    // bucket stays, with its time in the heap, until that time comes up.)
    if (bucket.timers.length - bucket.head > 2 * bucket.live + 16) {
      bucket.timers = bucket.timers.slice(bucket.head).filter((t) => !t.deleted);
      bucket.head = 0;
    }
  }

  /** Every timer, in registration order (a restore that adds them in this order keeps the order of ties). */
  all(): Timer[] {
    const timers: Timer[] = [];
    for (const bucket of this.buckets.values()) {
      for (let i = bucket.head; i < bucket.timers.length; i++) {
        const timer = bucket.timers[i]!;
        if (!timer.deleted) timers.push(timer);
      }
    }
    return timers.sort((a, b) => a.seq - b.seq);
  }

  /** The earliest timer, if any. */
  peek(): Timer | undefined {
    for (;;) {
      const bucket = this.headBucket();
      if (bucket === undefined) return undefined;
      while (bucket.head < bucket.timers.length) {
        const timer = bucket.timers[bucket.head]!;
        if (!timer.deleted) return timer;
        bucket.head++;
      }
      this.dropHeadBucket();
    }
  }

  /** Removes and returns the earliest timer if it is due at `time`. */
  pollDue(time: number): Timer | undefined {
    for (;;) {
      if (this.times.size === 0 || this.times.min > time) return undefined;
      const bucket = this.headBucket()!;
      while (bucket.head < bucket.timers.length) {
        const timer = bucket.timers[bucket.head++]!;
        if (timer.deleted) continue;
        bucket.live--;
        this.index.delete(timer.timestamp, timer.key, timer.namespace);
        // The bucket stays while a firing timer may still add to it; the next poll finds it drained.
        return timer;
      }
      this.dropHeadBucket();
    }
  }

  private headBucket(): Bucket | undefined {
    return this.times.size === 0 ? undefined : this.buckets.get(this.times.min);
  }

  private dropHeadBucket(): void {
    this.buckets.delete(this.times.pop());
  }
}
