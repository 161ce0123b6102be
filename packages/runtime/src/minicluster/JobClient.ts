import { BehaviorSubject, type Observable, ReplaySubject } from 'rxjs';
import type { JobStatus } from '../jobmanager/index.ts';
import type { JobMetrics } from '../metrics/index.ts';

/** What a finished job leaves behind. */
export interface JobResult {
  readonly jobId: string;
  readonly jobName: string;
  readonly status: 'FINISHED';
  readonly durationMs: number;
  /** Everything the job's collect sinks received, by sink name. */
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  readonly metrics: JobMetrics;
}

/**
 * The handle of a submitted job: observable status and metrics, the result of a bounded job, cancellation, and what
 * its collect sinks gathered.
 */
export class JobClient {
  private readonly statusSubject = new BehaviorSubject<JobStatus>('CREATED');
  private readonly metricsSubject = new ReplaySubject<JobMetrics>(1);
  private readonly collectedByName = new Map<string, unknown[]>();
  private readonly settled: Promise<JobResult>;
  private settle!: { resolve: (r: JobResult) => void; reject: (e: Error) => void };
  private readonly startedAt = Date.now();

  /** @internal Made by `MiniCluster.submit`. */
  constructor(
    readonly jobId: string,
    readonly jobName: string,
    private readonly requestCancel: () => void,
  ) {
    this.settled = new Promise<JobResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // A failed job that nobody awaits must not crash the process with an unhandled rejection.
    this.settled.catch(() => {});
  }

  /** CREATED, RUNNING, then FINISHED, FAILED or CANCELED (through FAILING / CANCELLING). Completes at the end. */
  get status$(): Observable<JobStatus> {
    return this.statusSubject.asObservable();
  }

  get status(): JobStatus {
    return this.statusSubject.value;
  }

  /** Aggregated task metrics, every metrics interval and once at the end. */
  get metrics$(): Observable<JobMetrics> {
    return this.metricsSubject.asObservable();
  }

  /** Resolves when a bounded job finishes; rejects with JobFailedError or JobCancelledError. */
  result(): Promise<JobResult> {
    return this.settled;
  }

  /** Cancels the job and resolves once every task has stopped. */
  async cancel(): Promise<void> {
    this.requestCancel();
    await this.settled.catch(() => {});
  }

  /** What the collect sink of this name has received so far. */
  collected<T>(name: string): T[] {
    return [...((this.collectedByName.get(name) ?? []) as T[])];
  }

  /** @internal */
  onStatus(status: JobStatus): void {
    this.statusSubject.next(status);
  }

  /** @internal */
  onMetrics(metrics: JobMetrics): void {
    this.metricsSubject.next(metrics);
  }

  /** @internal */
  onCollected(name: string, values: unknown[]): void {
    const held = this.collectedByName.get(name);
    if (held === undefined) this.collectedByName.set(name, values);
    else for (const v of values) held.push(v);
  }

  /** @internal */
  onTerminal(error: Error | undefined, metrics: JobMetrics): void {
    this.metricsSubject.next(metrics);
    this.metricsSubject.complete();
    this.statusSubject.complete();
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
    });
  }
}
