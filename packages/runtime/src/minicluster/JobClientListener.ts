import { BehaviorSubject, ReplaySubject, Subject } from 'rxjs';
import type { CheckpointStats, JobListener, JobStatus } from '../jobmanager/index.ts';
import type { JobMetrics } from '../metrics/index.ts';
import type { JobResult } from './JobResult.ts';

/**
 * What the job manager reports about one job, gathered for its JobClient: MiniCluster hands this listener to the
 * JobExecution, and the client reads from it. Not a user API (a user's `job.` shows only the client's methods).
 */
export class JobClientListener implements JobListener {
  readonly status = new BehaviorSubject<JobStatus>('CREATED');
  readonly metrics = new ReplaySubject<JobMetrics>(1);
  readonly checkpoints = new Subject<CheckpointStats>();
  /** Settles when the job terminates: resolves when it finished, rejects when it failed or was cancelled. */
  readonly settled: Promise<JobResult>;
  private settle!: { resolve: (r: JobResult) => void; reject: (e: Error) => void };
  private completedCheckpoints = 0;
  private failedCheckpoints = 0;
  private latestCheckpoint: CheckpointStats | undefined;
  private readonly restarts: { attempt: number; checkpointId: number | undefined }[] = [];
  private readonly collectedByName = new Map<string, unknown[]>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly jobId: string,
    private readonly jobName: string,
    /** Runs first when the job terminates (the cluster frees the job's slots). */
    private readonly onJobTerminated: () => void,
  ) {
    this.settled = new Promise<JobResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // A failed job that nobody awaits must not crash the process with an unhandled rejection.
    this.settled.catch(() => {});
  }

  /** What the collect sink of this name has received so far. */
  collected<T>(name: string): T[] {
    return [...((this.collectedByName.get(name) ?? []) as T[])];
  }

  onStatus(status: JobStatus): void {
    this.status.next(status);
  }

  onMetrics(metrics: JobMetrics): void {
    this.metrics.next(metrics);
  }

  onRestart(attempt: number, checkpointId: number | undefined): void {
    this.restarts.push({ attempt, checkpointId });
  }

  onCheckpoint(stats: CheckpointStats): void {
    if (stats.status === 'COMPLETED') {
      this.completedCheckpoints++;
      this.latestCheckpoint = stats;
    } else if (stats.status === 'FAILED') {
      this.failedCheckpoints++;
    }
    this.checkpoints.next(stats);
  }

  onCollected(name: string, values: unknown[]): void {
    const held = this.collectedByName.get(name);
    if (held === undefined) this.collectedByName.set(name, values);
    else for (const v of values) held.push(v);
  }

  onTerminal(error: Error | undefined, metrics: JobMetrics): void {
    this.onJobTerminated();
    this.metrics.next(metrics);
    this.metrics.complete();
    this.status.complete();
    this.checkpoints.complete();
    if (error !== undefined) {
      this.settle.reject(error);
      return;
    }
    this.settle.resolve({
      jobId: this.jobId,
      jobName: this.jobName,
      status: 'FINISHED',
      durationMs: Date.now() - this.startedAt,
      collected: Object.fromEntries(this.collectedByName),
      metrics,
      checkpoints: {
        completed: this.completedCheckpoints,
        failed: this.failedCheckpoints,
        latest: this.latestCheckpoint,
      },
      restarts: [...this.restarts],
    });
  }
}
