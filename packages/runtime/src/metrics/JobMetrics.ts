import type { JobGraph } from '@dhara/core/internal';
import type { TaskMetricsSample } from './TaskMetrics.ts';

/** One job vertex (operator chain), summed over its subtasks. Shares are fractions of elapsed time, in [0, 1]. */
export interface VertexMetrics {
  readonly id: number;
  readonly name: string;
  readonly parallelism: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly lateRecordsDropped: number;
  /** The lowest watermark over the vertex's subtasks. */
  readonly watermark: number;
  readonly busyShare: number;
  readonly idleShare: number;
  readonly backpressuredShare: number;
  readonly maxInputQueue: number;
  readonly inputQueueBound: number;
  readonly maxOutputBacklog: number;
  readonly outputBacklogBound: number;
}

export interface JobMetrics {
  readonly jobId: string;
  readonly jobName: string;
  readonly elapsedMs: number;
  readonly vertices: readonly VertexMetrics[];
  /** The latest sample of every task that has reported. */
  readonly tasks: readonly TaskMetricsSample[];
}

export function summarizeJobMetrics(
  jobId: string,
  graph: JobGraph,
  elapsedMs: number,
  samples: readonly TaskMetricsSample[],
): JobMetrics {
  const vertices = graph.vertices.map((vertex): VertexMetrics => {
    const mine = samples.filter((s) => s.vertexId === vertex.id);
    const sum = (f: (s: TaskMetricsSample) => number): number => mine.reduce((n, s) => n + f(s), 0);
    const max = (f: (s: TaskMetricsSample) => number): number => mine.reduce((n, s) => Math.max(n, f(s)), 0);
    const elapsed = sum((s) => s.elapsedMs);
    const share = (f: (s: TaskMetricsSample) => number): number => (elapsed > 0 ? sum(f) / elapsed : 0);
    return {
      id: vertex.id,
      name: vertex.name,
      parallelism: vertex.parallelism,
      recordsIn: sum((s) => s.recordsIn),
      recordsOut: sum((s) => s.recordsOut),
      lateRecordsDropped: sum((s) => s.lateRecordsDropped),
      watermark: mine.length === 0 ? Number.NEGATIVE_INFINITY : Math.min(...mine.map((s) => s.watermark)),
      busyShare: share((s) => s.busyMs),
      idleShare: share((s) => s.idleMs),
      backpressuredShare: share((s) => s.backpressuredMs),
      maxInputQueue: max((s) => s.maxInputQueue),
      inputQueueBound: max((s) => s.inputQueueBound),
      maxOutputBacklog: max((s) => s.maxOutputBacklog),
      outputBacklogBound: max((s) => s.outputBacklogBound),
    };
  });
  return { jobId, jobName: graph.streamGraph.jobName, elapsedMs, vertices, tasks: samples };
}
