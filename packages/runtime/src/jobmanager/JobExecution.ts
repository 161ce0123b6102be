import type { MasterTriggerRestoreHook } from '@dhara/core';
import type { JobGraph } from '@dhara/core/internal';
import { CheckpointStorage, type RestoreSpec } from '../checkpoint/index.ts';
import { RemoteError } from '../errors/index.ts';
import type { Mailbox } from '../mailbox/index.ts';
import type { JobMetrics } from '../metrics/index.ts';
import type { TaskOutcome, TaskToJobManager } from '../protocol/index.ts';
import {
  CheckpointCoordinator,
  closeMasterHooks,
  createMasterHooks,
  restoreMasterHooks,
} from './checkpointing/index.ts';
import type { TaskLauncher } from './deployTasks.ts';
import { ExecutionDeployer } from './ExecutionDeployer.ts';
import { JobCheckpointGateway } from './JobCheckpointGateway.ts';
import type { JobExecutionOptions } from './JobExecutionOptions.ts';
import type { JobListener } from './JobListener.ts';
import { JobMetricsTracker } from './JobMetricsTracker.ts';
import { isTerminal, type JobStatus } from './JobStatus.ts';
import { JobTimers } from './JobTimers.ts';
import { JobCancelledError, JobFailedError, WorkerDiedError } from './jobErrors.ts';
import { RestartBackoff } from './RestartBackoff.ts';
import { findRestorableCheckpoint, type RestorableCheckpoint } from './restoreCheckpoint.ts';
import { planRestore } from './restorePlan.ts';
import { SourceCoordinators } from './SourceCoordinators.ts';
import type { TaskExecution } from './TaskExecution.ts';
import { TaskExecutions } from './TaskExecutions.ts';

/**
 * One job on the job manager, across its attempts: deploys the tasks of an attempt, tracks their states, restarts
 * the job from the latest completed checkpoint after a failure (as its restart strategy allows), and finishes, fails
 * or cancels it. Its source coordinators, master hooks and checkpoint coordinator live as long as it does; the
 * coordinator sees the job through a JobCheckpointGateway. Everything here runs as mail on the job manager's
 * mailbox; nothing awaits in the middle of a state change.
 */
export class JobExecution {
  private status: JobStatus = 'CREATED';
  private attempt = 0;
  private readonly tasks = new TaskExecutions();
  private readonly sourceCoordinators: SourceCoordinators;
  private readonly hooks: MasterTriggerRestoreHook<unknown>[];
  private readonly checkpoints: CheckpointCoordinator;
  private readonly storage: CheckpointStorage;
  private readonly backoff: RestartBackoff;
  private readonly metricsTracker: JobMetricsTracker;
  private failure: Error | undefined;
  private restartDelayMs = 0;
  private finishing = false;
  private readonly timers: JobTimers;
  private readonly deployer: ExecutionDeployer;

  constructor(
    private readonly graph: JobGraph,
    private readonly options: JobExecutionOptions,
    private readonly mailbox: Mailbox,
    private readonly launcher: TaskLauncher,
    private readonly listener: JobListener,
  ) {
    this.metricsTracker = new JobMetricsTracker(options.jobId, graph, mailbox.clock);
    this.timers = new JobTimers(mailbox, `timer of job ${graph.streamGraph.jobName}`);
    this.deployer = new ExecutionDeployer(graph, options, mailbox, launcher, this.timers, {
      onTaskMessage: (task, message) => this.onTaskMessage(task, message),
      onTaskEnded: (task, outcome) => this.onTaskEnded(task, outcome),
      onTaskLost: (task, error) => this.onTaskLost(task, error),
    });
    this.storage = new CheckpointStorage(options.checkpointDir);
    this.backoff = new RestartBackoff(graph.streamGraph.restartStrategy, () => mailbox.clock.now());
    this.hooks = createMasterHooks(graph);
    this.sourceCoordinators = new SourceCoordinators(graph, mailbox, this.tasks, (error) => this.failOver(error));
    const gateway = new JobCheckpointGateway(
      options.jobId,
      graph,
      this.tasks,
      this.sourceCoordinators,
      this.hooks,
      () => this.status === 'RUNNING',
      (error) => this.failOver(error),
    );
    this.checkpoints = new CheckpointCoordinator(
      graph.streamGraph.checkpointConfig,
      this.storage,
      mailbox,
      gateway,
      (stats) => this.listener.onCheckpoint(stats),
      options.initialState?.checkpoint.metadata.checkpointId ?? 0,
    );
  }

  get jobName(): string {
    return this.graph.streamGraph.jobName;
  }

  get currentStatus(): JobStatus {
    return this.status;
  }

  get checkpointCoordinator(): CheckpointCoordinator {
    return this.checkpoints;
  }

  /** Deploys every task of the first attempt. Runs as mail. */
  start(): void {
    this.setStatus('RUNNING');
    const initial = this.options.initialState?.checkpoint;
    // From a savepoint or checkpoint: the master hooks go back to it first (a Pravega reader group to its
    // reader-group checkpoint), as on every restore.
    if (initial !== undefined && this.hooks.length > 0) this.restoreHooksThenDeploy(initial, 'first');
    else this.deployAttempt(initial);
    this.timers.every(
      this.options.metricsIntervalMs,
      () => this.listener.onMetrics(this.metrics()),
      () => !isTerminal(this.status),
    );
  }

  /** Cancels the job. Runs as mail. */
  cancel(): void {
    if (isTerminal(this.status) || this.status === 'CANCELLING' || this.status === 'FAILING') return;
    this.setStatus('CANCELLING');
    this.stopAttempt();
  }

  /** Fails the job for good with `error`, whatever the restart strategy (the first failure wins). */
  fail(error: Error): void {
    if (isTerminal(this.status) || this.status === 'FAILING') return;
    this.failure = error;
    this.setStatus('FAILING');
    this.stopAttempt();
  }

  metrics(): JobMetrics {
    return this.metricsTracker.summarize(this.tasks.metricsSamples());
  }

  /** A task or coordinator failed: restart from the latest checkpoint if the strategy allows, else fail. */
  private handleFailure(error: Error): void {
    if (isTerminal(this.status) || this.status !== 'RUNNING') return;
    const delayMs = this.backoff.onFailure();
    if (delayMs === undefined) {
      this.fail(error);
      return;
    }
    console.error(
      `dhara: job '${this.jobName}' restarts in ${delayMs} ms (restart ${this.backoff.restartCount}): ${error.message}`,
    );
    this.failure = error;
    this.setStatus('RESTARTING');
    this.stopAttempt();
    this.restartDelayMs = delayMs;
  }

  /** A failure not of one task (a split enumerator, too many failed checkpoints, a restore): as handleFailure. */
  private failOver(cause: unknown): void {
    this.handleFailure(new JobFailedError(this.jobName, undefined, cause));
  }

  /** Cancels every task of the current attempt and stops its coordinators and checkpoints. */
  private stopAttempt(): void {
    this.checkpoints.stop(this.status === 'RESTARTING' ? 'task-failure' : 'job-ended');
    this.tasks.broadcast({ type: 'cancel' });
    this.sourceCoordinators.closeAll();
    const attempt = this.attempt;
    this.timers.after(this.options.cancelTimeoutMs, () => {
      if (this.attempt !== attempt) return;
      // Tasks stuck in user code never see the cancel mail: end them the hard way, as Flink's task watchdog does.
      for (const threadId of this.tasks.threadsOfUnended()) {
        if (threadId !== undefined) void this.launcher.terminateThread(threadId);
      }
    });
    this.onAttemptMaybeEnded();
  }

  private onAttemptMaybeEnded(): void {
    if (isTerminal(this.status) || !this.tasks.every((t) => t.isEnded)) return;
    if (this.status === 'FAILING') this.finish(this.failure);
    else if (this.status === 'CANCELLING') this.finish(new JobCancelledError(this.jobName));
    else if (this.status === 'RESTARTING') this.timers.after(this.restartDelayMs, () => this.restart());
  }

  private restart(): void {
    if (this.status !== 'RESTARTING') return;
    this.mailbox.whenDone(
      // Folders of aborted or dropped checkpoints may still be going away: scan once they are gone.
      this.checkpoints
        .removalsSettled()
        .then(() =>
          findRestorableCheckpoint(
            this.storage,
            (dir, reason) => console.error(`dhara: job '${this.jobName}': refusing checkpoint ${dir}: ${reason}`),
            this.checkpoints.latestCompleted?.id,
          ),
        ),
      (checkpoint, error) => {
        if (this.status !== 'RESTARTING') return;
        if (error !== undefined) {
          this.fail(new JobFailedError(this.jobName, undefined, error));
          return;
        }
        // None of its own yet: a job started from a savepoint starts from it again, not from scratch.
        this.restoreHooksThenDeploy(checkpoint ?? this.options.initialState?.checkpoint, 'restart');
      },
      `find a checkpoint to restore ${this.jobName}`,
    );
  }

  /** Restores (or resets) every master hook, then deploys the first attempt or the next one. */
  private restoreHooksThenDeploy(checkpoint: RestorableCheckpoint | undefined, attempt: 'first' | 'restart'): void {
    const expected: JobStatus = attempt === 'first' ? 'RUNNING' : 'RESTARTING';
    this.mailbox.whenDone(
      restoreMasterHooks(this.hooks, checkpoint?.metadata),
      (_ok, error) => {
        if (this.status !== expected) return;
        if (error !== undefined) {
          if (attempt === 'first') {
            this.fail(new JobFailedError(this.jobName, undefined, error));
          } else {
            // A failure of the attempt being started: as one of a running attempt, the restart strategy decides.
            this.setStatus('RUNNING');
            this.failOver(error);
          }
          return;
        }
        if (attempt === 'first') {
          this.deployAttempt(checkpoint);
          return;
        }
        this.metricsTracker.keepSamplesOf(this.tasks.metricsSamples());
        this.attempt++;
        this.listener.onRestart(this.attempt, checkpoint?.metadata.checkpointId);
        this.setStatus('RUNNING');
        this.deployAttempt(checkpoint);
      },
      `restore master hooks of ${this.jobName}`,
    );
  }

  /** Starts the source coordinators and deploys every task, from a checkpoint or savepoint when there is one. */
  private deployAttempt(checkpoint: RestorableCheckpoint | undefined): void {
    let plan = new Map<string, RestoreSpec>();
    if (checkpoint !== undefined) {
      try {
        plan = planRestore(
          this.graph,
          checkpoint.dir,
          checkpoint.metadata,
          this.options.initialState?.allowNonRestoredState ?? false,
        );
      } catch (error) {
        this.fail(new JobFailedError(this.jobName, undefined, error));
        return;
      }
    }
    this.sourceCoordinators.startAll(checkpoint?.metadata);
    // A split enumerator that failed to start has failed this attempt over already.
    if (this.status !== 'RUNNING') return;
    this.tasks.clear();
    this.deployer.deployAll(this.attempt, plan, this.tasks);
    this.checkpoints.start();
  }

  private onTaskMessage(task: TaskExecution, message: TaskToJobManager): void {
    if (task.isEnded) return;
    switch (message.type) {
      case 'running':
        task.state = 'RUNNING';
        task.threadId = message.threadId;
        this.sourceCoordinators.registerReader(task, message.threadId);
        return;
      case 'metrics':
        task.metrics = message.sample;
        return;
      case 'splitRequest':
        this.sourceCoordinators.handleSplitRequest(task);
        return;
      case 'sourceEvent':
        this.sourceCoordinators.handleSourceEvent(task, message.event);
        return;
      case 'collect':
        this.listener.onCollected(message.name, message.values);
        return;
      case 'acknowledgeCheckpoint': {
        const { checkpointId, handle, operatorUids, stats } = message;
        this.checkpoints.receiveAcknowledgeMessage(task, checkpointId, handle, operatorUids, stats);
        return;
      }
      case 'declineCheckpoint':
        this.checkpoints.receiveDeclineMessage(task, message.checkpointId, message.reason, message.subsumed === true);
        return;
      case 'reportWatermark':
        this.sourceCoordinators.reportWatermark(task, message.group, message.watermark);
        return;
      case 'endOfData':
        task.endOfData = true;
        // Checkpoints are not triggered before every task ended its input (Flink waits for the next periodic one).
        if (this.tasks.every((t) => t.endOfData)) this.checkpoints.triggerFinalCheckpoint();
        return;
      case 'outcome':
        this.onTaskEnded(task, message.outcome);
        return;
    }
  }

  private onTaskEnded(task: TaskExecution, outcome: TaskOutcome): void {
    if (task.isEnded) return;
    task.metrics = outcome.metrics ?? task.metrics;
    task.closeControl();
    this.checkpoints.taskEnded(task);
    this.sourceCoordinators.readerEnded(task);
    switch (outcome.status) {
      case 'finished':
        task.state = 'FINISHED';
        if (this.status === 'RUNNING' && this.tasks.every((t) => t.state === 'FINISHED')) this.finish(undefined);
        break;
      case 'canceled':
        task.state = 'CANCELED';
        break;
      case 'failed':
        task.state = 'FAILED';
        this.handleFailure(
          new JobFailedError(this.jobName, task.failureOrigin(outcome.operator), new RemoteError(outcome.error)),
        );
        break;
    }
    this.onAttemptMaybeEnded();
  }

  /** The worker thread of a task died (terminated, crashed, out of memory). */
  private onTaskLost(task: TaskExecution, error: unknown): void {
    if (task.isEnded) return;
    task.closeControl();
    task.state = 'FAILED';
    this.checkpoints.taskEnded(task);
    this.handleFailure(
      new JobFailedError(this.jobName, task.failureOrigin(undefined), new WorkerDiedError(task.threadId, error)),
    );
    this.onAttemptMaybeEnded();
  }

  private finish(error: Error | undefined): void {
    if (this.finishing) return;
    this.finishing = true;
    // A checkpoint whose _metadata is being written completes first: the job's last checkpoint stays usable.
    this.checkpoints.stop('job-ended', () => this.terminate(error));
  }

  private terminate(error: Error | undefined): void {
    this.sourceCoordinators.closeAll();
    closeMasterHooks(this.hooks);
    this.timers.cancelAll();
    this.setStatus(error === undefined ? 'FINISHED' : error instanceof JobCancelledError ? 'CANCELED' : 'FAILED');
    if (this.status !== 'FAILED' && !this.graph.streamGraph.checkpointConfig.retainOnTermination) {
      void CheckpointStorage.remove(this.options.checkpointDir);
    }
    this.listener.onTerminal(error, this.metrics());
  }

  private setStatus(status: JobStatus): void {
    this.status = status;
    this.listener.onStatus(status);
  }
}
