import type { JobGraph } from '@dhara/core/internal';
import type { Clock } from '../mailbox/index.ts';
import { type JobMetrics, summarizeJobMetrics, type TaskMetricsSample } from '../metrics/index.ts';

/** The job's metrics: the tasks' latest samples summed up, with those of earlier attempts, so totals survive restarts. */
export class JobMetricsTracker {
  private readonly previousSamples: TaskMetricsSample[] = [];
  private readonly startedAt: number;

  constructor(
    private readonly jobId: string,
    private readonly graph: JobGraph,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  /** An attempt is replaced: its tasks' last samples still count. */
  keepSamplesOf(samples: readonly TaskMetricsSample[]): void {
    this.previousSamples.push(...samples);
  }

  summarize(current: TaskMetricsSample[]): JobMetrics {
    const elapsed = this.clock.now() - this.startedAt;
    if (this.previousSamples.length === 0) return summarizeJobMetrics(this.jobId, this.graph, elapsed, current);
    return summarizeJobMetrics(this.jobId, this.graph, elapsed, [...this.previousSamples, ...current]);
  }
}
