import { BehaviorSubject, type Observable, ReplaySubject, Subject } from 'rxjs';
import type { CheckpointStats, JobStatus } from '../jobmanager/index.ts';
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
  /** Checkpoints completed and failed during the run, and the latest completed one. */
  readonly checkpoints: CheckpointSummary;
  /** Every restart: the attempt it began and the checkpoint it restored (undefined: from the beginning). */
  readonly restarts: readonly { readonly attempt: number; readonly checkpointId: number | undefined }[];
}

export interface CheckpointSummary {
  readonly completed: number;
  readonly failed: number;
  readonly latest: CheckpointStats | undefined;
}

/** What the client asks of the job manager. */
export interface JobControls {
  cancel(): void;
  triggerCheckpoint(onDone: (stats: CheckpointStats | undefined) => void): void;
  triggerSavepoint(dir: string, stop: boolean, onDone: (stats: CheckpointStats | undefined) => void): void;
}

/**
 * The handle of a submitted job: observable status and metrics, the result of a bounded job, cancellation, and what
 * its collect sinks gathered.
 */
export class JobClient {
  private readonly statusSubject = new BehaviorSubject<JobStatus>('CREATED');
  private readonly metricsSubject = new ReplaySubject<JobMetrics>(1);
  private readonly checkpointSubject = new Subject<CheckpointStats>();
  private completedCheckpoints = 0;
  private failedCheckpoints = 0;
  private latestCheckpoint: CheckpointStats | undefined;
  private readonly restarts: { attempt: number; checkpointId: number | undefined }[] = [];
  private readonly collectedByName = new Map<string, unknown[]>();
  private readonly settled: Promise<JobResult>;
  private settle!: { resolve: (r: JobResult) => void; reject: (e: Error) => void };
  private readonly startedAt = Date.now();

  /** @internal Made by `MiniCluster.submit`. */
  constructor(
    readonly jobId: string,
    readonly jobName: string,
    private readonly controls: JobControls,
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

  /** Every checkpoint's statistics, at each change (in progress, completed, failed). Completes at the end. */
  get checkpoints$(): Observable<CheckpointStats> {
    return this.checkpointSubject.asObservable();
  }

  /** Triggers a checkpoint now; resolves with its final statistics (rejects when it could not be triggered). */
  triggerCheckpoint(): Promise<CheckpointStats> {
    return new Promise((resolve, reject) => {
      this.controls.triggerCheckpoint((stats) => {
        if (stats === undefined) reject(new Error(`job '${this.jobName}': a checkpoint cannot be triggered now`));
        else resolve(stats);
      });
    });
  }

  /**
   * Takes a savepoint into `dir` (a new `savepoint-<job>-<id>` folder in it) and resolves with its path. A savepoint
   * is self-contained: the folder can be moved and still restores (`submit(job, { fromSavepoint })`).
   */
  triggerSavepoint(dir: string): Promise<string> {
    return this.savepoint(dir, false);
  }

  /**
   * Stops the job with a savepoint: the sources read nothing after its barrier (no draining: windows that have not
   * fired stay in the savepoint), sinks commit it, and the job finishes. Resolves with the savepoint's path once the
   * job has finished.
   */
  async stopWithSavepoint(dir: string): Promise<string> {
    const location = await this.savepoint(dir, true);
    await this.settled;
    return location;
  }

  private savepoint(dir: string, stop: boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      this.controls.triggerSavepoint(dir, stop, (stats) => {
        if (stats === undefined) reject(new Error(`job '${this.jobName}': a savepoint cannot be taken now`));
        else if (stats.status !== 'COMPLETED' || stats.location === undefined) {
          reject(new Error(`job '${this.jobName}': savepoint ${stats.id} failed: ${stats.failureReason ?? 'unknown'}`));
        } else resolve(stats.location);
      });
    });
  }

  /** Resolves when a bounded job finishes; rejects with JobFailedError or JobCancelledError. */
  result(): Promise<JobResult> {
    return this.settled;
  }

  /** Cancels the job and resolves once every task has stopped. */
  async cancel(): Promise<void> {
    this.controls.cancel();
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
  onRestart(attempt: number, checkpointId: number | undefined): void {
    this.restarts.push({ attempt, checkpointId });
  }

  /** @internal */
  onCheckpoint(stats: CheckpointStats): void {
    if (stats.status === 'COMPLETED') {
      this.completedCheckpoints++;
      this.latestCheckpoint = stats;
    } else if (stats.status === 'FAILED') {
      this.failedCheckpoints++;
    }
    this.checkpointSubject.next(stats);
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
    this.checkpointSubject.complete();
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
