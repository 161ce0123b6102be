import type { Observable } from 'rxjs';
import type { CheckpointStats, JobStatus } from '../jobmanager/index.ts';
import type { JobMetrics } from '../metrics/index.ts';
import type { JobClientListener } from './JobClientListener.ts';
import type { JobResult } from './JobResult.ts';

/** What the client asks of the job manager; each request runs as mail there. */
export interface JobControls {
  cancel(): void;
  /** `onDone` gets the checkpoint's final statistics, or undefined when none could be triggered. */
  requestCheckpoint(onDone: (stats: CheckpointStats | undefined) => void): void;
  /** `onDone` gets the savepoint's final statistics, or undefined when none could be taken. */
  requestSavepoint(dir: string, stop: boolean, onDone: (stats: CheckpointStats | undefined) => void): void;
}

/**
 * The handle of a submitted job: observable status and metrics, the result of a bounded job, cancellation, and what
 * its collect sinks gathered.
 */
export class JobClient {
  /** @internal Made by `MiniCluster.submit`. */
  constructor(
    readonly jobId: string,
    readonly jobName: string,
    private readonly controls: JobControls,
    private readonly reports: JobClientListener,
  ) {}

  /** CREATED, RUNNING, then FINISHED, FAILED or CANCELED (through FAILING / CANCELLING). Completes at the end. */
  get status$(): Observable<JobStatus> {
    return this.reports.status.asObservable();
  }

  get status(): JobStatus {
    return this.reports.status.value;
  }

  /** Aggregated task metrics, every metrics interval and once at the end. */
  get metrics$(): Observable<JobMetrics> {
    return this.reports.metrics.asObservable();
  }

  /** Every checkpoint's statistics, at each change (in progress, completed, failed). Completes at the end. */
  get checkpoints$(): Observable<CheckpointStats> {
    return this.reports.checkpoints.asObservable();
  }

  /** Triggers a checkpoint now; resolves with its final statistics (rejects when it could not be triggered). */
  triggerCheckpoint(): Promise<CheckpointStats> {
    return new Promise((resolve, reject) => {
      this.controls.requestCheckpoint((stats) => {
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
    await this.reports.settled;
    return location;
  }

  private savepoint(dir: string, stop: boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      this.controls.requestSavepoint(dir, stop, (stats) => {
        if (stats === undefined) reject(new Error(`job '${this.jobName}': a savepoint cannot be taken now`));
        else if (stats.status !== 'COMPLETED' || stats.location === undefined) {
          reject(new Error(`job '${this.jobName}': savepoint ${stats.id} failed: ${stats.failureReason ?? 'unknown'}`));
        } else resolve(stats.location);
      });
    });
  }

  /** Resolves when a bounded job finishes; rejects with JobFailedError or JobCancelledError. */
  result(): Promise<JobResult> {
    return this.reports.settled;
  }

  /** Cancels the job and resolves once every task has stopped. */
  async cancel(): Promise<void> {
    this.controls.cancel();
    await this.reports.settled.catch(() => {});
  }

  /** What the collect sink of this name has received so far. */
  collected<T>(name: string): T[] {
    return this.reports.collected<T>(name);
  }
}
