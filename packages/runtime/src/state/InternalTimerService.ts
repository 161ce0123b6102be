import { type Key, MIN_WATERMARK } from '@dhara/core';
import type { KeyedStateBackend } from './KeyedStateBackend.ts';
import { assignToKeyGroup } from './keyGroups.ts';
import { type Timer, TimerQueue } from './TimerQueue.ts';

/** Processing time and timers, as the task provides them: a timer's callback runs as mail in the task. */
export interface ProcessingTimeService {
  now(): number;
  /** Calls `callback` (as mail) once processing time reaches `timestamp`; returns a cancel function. */
  registerTimer(timestamp: number, callback: () => void): () => void;
}

/**
 * The event-time and processing-time timers of one keyed operator. Timers belong to the key that was current when
 * they were set; when one fires, its key becomes current again before the operator's callback runs. Event-time
 * timers fire when the watermark passes them, in time order; processing-time timers fire as mail.
 */
export class InternalTimerService {
  private readonly eventTimers = new TimerQueue();
  private readonly processingTimers = new TimerQueue();
  private watermark = MIN_WATERMARK;
  private wakeAt: number | undefined;
  private cancelWake: (() => void) | undefined;

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly time: ProcessingTimeService,
    private readonly onEventTime: (timer: Timer) => void,
    private readonly onProcessingTime: (timer: Timer) => void,
  ) {}

  get currentWatermark(): number {
    return this.watermark;
  }

  currentProcessingTime(): number {
    return this.time.now();
  }

  registerEventTimeTimer(namespace: string, timestamp: number): void {
    this.eventTimers.add(timestamp, this.backend.currentKey, namespace);
  }

  deleteEventTimeTimer(namespace: string, timestamp: number): void {
    this.eventTimers.delete(timestamp, this.backend.currentKey, namespace);
  }

  registerProcessingTimeTimer(namespace: string, timestamp: number): void {
    if (this.processingTimers.add(timestamp, this.backend.currentKey, namespace)) this.scheduleWake();
  }

  deleteProcessingTimeTimer(namespace: string, timestamp: number): void {
    this.processingTimers.delete(timestamp, this.backend.currentKey, namespace);
  }

  get timerCount(): number {
    return this.eventTimers.size + this.processingTimers.size;
  }

  /** Fires every event-time timer at or below `watermark`, in time order. */
  advanceWatermark(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    for (
      let timer = this.eventTimers.pollDue(watermark);
      timer !== undefined;
      timer = this.eventTimers.pollDue(watermark)
    ) {
      this.backend.setCurrentKey(timer.key);
      this.onEventTime(timer);
    }
  }

  /** Every timer, by key group: [timestamp, key, namespace]. */
  snapshot(): Map<number, { eventTimers: [number, Key, string][]; processingTimers: [number, Key, string][] }> {
    const groups = new Map<
      number,
      { eventTimers: [number, Key, string][]; processingTimers: [number, Key, string][] }
    >();
    const add = (timer: Timer, kind: 'eventTimers' | 'processingTimers'): void => {
      const group = assignToKeyGroup(timer.key, this.backend.maxParallelism);
      const entry = groups.get(group) ?? { eventTimers: [], processingTimers: [] };
      entry[kind].push([timer.timestamp, timer.key, timer.namespace]);
      groups.set(group, entry);
    };
    for (const timer of this.eventTimers.all()) add(timer, 'eventTimers');
    for (const timer of this.processingTimers.all()) add(timer, 'processingTimers');
    return groups;
  }

  /** Sets the timers of the key groups this subtask owns again (timers come back with their state). */
  restore(eventTimers: [number, Key, string][], processingTimers: [number, Key, string][]): void {
    const { range, maxParallelism } = this.backend;
    const owned = (key: Key): boolean => {
      const group = assignToKeyGroup(key, maxParallelism);
      return group >= range.start && group <= range.end;
    };
    for (const [timestamp, key, namespace] of eventTimers)
      if (owned(key)) this.eventTimers.add(timestamp, key, namespace);
    for (const [timestamp, key, namespace] of processingTimers) {
      if (owned(key)) this.processingTimers.add(timestamp, key, namespace);
    }
    this.scheduleWake();
  }

  /**
   * The input ended: processing time jumps to the end as event time does, so every pending processing-time timer
   * fires now, in time order (no processing-time window of a bounded job is lost).
   */
  fireAllProcessingTimers(): void {
    this.dispose();
    this.wakeAt = undefined;
    for (
      let timer = this.processingTimers.pollDue(Number.POSITIVE_INFINITY);
      timer !== undefined;
      timer = this.processingTimers.pollDue(Number.POSITIVE_INFINITY)
    ) {
      this.backend.setCurrentKey(timer.key);
      this.onProcessingTime(timer);
    }
  }

  /** Stops the pending processing-time wake-up (the operator is closing). */
  dispose(): void {
    this.cancelWake?.();
    this.cancelWake = undefined;
  }

  private fireProcessingTimers(): void {
    this.wakeAt = undefined;
    this.cancelWake = undefined;
    const now = this.time.now();
    for (
      let timer = this.processingTimers.pollDue(now);
      timer !== undefined;
      timer = this.processingTimers.pollDue(now)
    ) {
      this.backend.setCurrentKey(timer.key);
      this.onProcessingTime(timer);
    }
    this.scheduleWake();
  }

  private scheduleWake(): void {
    const next = this.processingTimers.peek();
    if (next === undefined || (this.wakeAt !== undefined && this.wakeAt <= next.timestamp)) return;
    this.cancelWake?.();
    this.wakeAt = next.timestamp;
    this.cancelWake = this.time.registerTimer(next.timestamp, () => this.fireProcessingTimers());
  }
}
