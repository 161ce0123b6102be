import { getHeapStatistics } from 'node:v8';

/** One task's counters, as sent to the job manager. Times are in milliseconds since the task started. */
export interface TaskMetricsSample {
  readonly vertexId: number;
  readonly subtaskIndex: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly bytesOut: number;
  /** Elements too late for every window, with no late-data side output to go to. */
  readonly lateRecordsDropped: number;
  /** The task's current input watermark (its sources' own watermark for a source task). */
  readonly watermark: number;
  readonly elapsedMs: number;
  readonly busyMs: number;
  readonly idleMs: number;
  readonly backpressuredMs: number;
  /** The most frames ever queued on one input channel, and the bound (credits per channel). */
  readonly maxInputQueue: number;
  readonly inputQueueBound: number;
  /** The most frames ever waiting for credit on one output channel, and the configured backlog bound. */
  readonly maxOutputBacklog: number;
  readonly outputBacklogBound: number;
  /** V8 heap in use by the task's worker thread (shared by the tasks it hosts). */
  readonly heapUsedBytes: number;
}

/** Accumulates a task's time split and record counts; the task loop calls it on every state change. */
export class TaskMetrics {
  recordsIn = 0;
  recordsOut = 0;
  lateRecordsDropped = 0;
  watermark = Number.NEGATIVE_INFINITY;
  idleMs = 0;
  backpressuredMs = 0;
  private readonly startedAt = performance.now();

  constructor(
    readonly vertexId: number,
    readonly subtaskIndex: number,
  ) {}

  /** Times an await that is idle (waiting for input) or backpressured (waiting for credit). */
  async measure<T>(kind: 'idle' | 'backpressured', wait: Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await wait;
    } finally {
      const spent = performance.now() - start;
      if (kind === 'idle') this.idleMs += spent;
      else this.backpressuredMs += spent;
    }
  }

  sample(buffers: {
    bytesOut: number;
    maxInputQueue: number;
    inputQueueBound: number;
    maxOutputBacklog: number;
    outputBacklogBound: number;
  }): TaskMetricsSample {
    const elapsedMs = performance.now() - this.startedAt;
    return {
      vertexId: this.vertexId,
      subtaskIndex: this.subtaskIndex,
      recordsIn: this.recordsIn,
      recordsOut: this.recordsOut,
      lateRecordsDropped: this.lateRecordsDropped,
      watermark: this.watermark,
      elapsedMs,
      busyMs: Math.max(0, elapsedMs - this.idleMs - this.backpressuredMs),
      idleMs: this.idleMs,
      backpressuredMs: this.backpressuredMs,
      heapUsedBytes: getHeapStatistics().used_heap_size,
      ...buffers,
    };
  }
}
