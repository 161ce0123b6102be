import type { MessagePort, Transferable } from 'node:worker_threads';
import {
  isExternallyInducedSource,
  type JobGraph,
  type JobVertex,
  type MasterTriggerRestoreHook,
  type Source,
  type SourceSplit,
} from '@dhara/core';
import { CheckpointStorage, decodeState, type RestoreSpec } from '../checkpoint/index.ts';
import { RemoteError } from '../errors/index.ts';
import type { FaultSpec } from '../faults/index.ts';
import type { CancelTimer, Mailbox } from '../mailbox/index.ts';
import { type JobMetrics, summarizeJobMetrics, type TaskMetricsSample } from '../metrics/index.ts';
import type { NetworkConfig } from '../network/index.ts';
import type {
  FailedOperator,
  JobManagerToTask,
  TaskDeployment,
  TaskOutcome,
  TaskToJobManager,
} from '../protocol/index.ts';
import { CheckpointCoordinator, type CheckpointStats, type TaskRef } from './checkpointing/index.ts';
import { createSubtaskPorts } from './deployTasks.ts';
import { isTerminal, type JobStatus } from './JobStatus.ts';
import { JobCancelledError, JobFailedError, WorkerDiedError } from './jobErrors.ts';
import { RestartBackoff } from './RestartBackoff.ts';
import { findRestorableCheckpoint, type RestorableCheckpoint } from './restoreCheckpoint.ts';
import { planRestore } from './restorePlan.ts';
import { SourceCoordinator } from './SourceCoordinator.ts';
import { WatermarkAlignment } from './WatermarkAlignment.ts';

/** Starts a task in a worker thread; the promise settles when the task's run ends (rejects if its thread died). */
export interface TaskLauncher {
  launch(deployment: TaskDeployment, transferList: Transferable[]): Promise<unknown>;
  terminateThread(threadId: number): Promise<void>;
}

/** What the job client hears from the execution. */
export interface JobListener {
  onStatus(status: JobStatus): void;
  onMetrics(metrics: JobMetrics): void;
  onCollected(name: string, values: unknown[]): void;
  onCheckpoint(stats: CheckpointStats): void;
  /** A new attempt starts after a failure, from this checkpoint (undefined: from the beginning). */
  onRestart(attempt: number, checkpointId: number | undefined): void;
  onTerminal(error: Error | undefined, metrics: JobMetrics): void;
}

export interface JobExecutionOptions {
  readonly jobId: string;
  readonly modulePath: string;
  readonly defaultParallelism: number;
  readonly defaultCheckpointIntervalMs: number | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly network: NetworkConfig;
  readonly metricsIntervalMs: number;
  /** How long a cancelled task may take to stop before its worker thread is terminated. */
  readonly cancelTimeoutMs: number;
  /** This job's checkpoint directory: `<checkpointDir>/<jobId>`. */
  readonly checkpointDir: string;
  readonly faults: readonly FaultSpec[];
  /** A savepoint (or retained checkpoint) the first attempt starts from. */
  readonly initialState?: { readonly checkpoint: RestorableCheckpoint; readonly allowNonRestoredState: boolean };
}

type TaskState = 'DEPLOYING' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';

interface TaskExecution extends TaskRef {
  readonly vertex: JobVertex;
  readonly attempt: number;
  readonly control: MessagePort;
  state: TaskState;
  threadId: number | undefined;
  metrics: TaskMetricsSample | undefined;
  /** The task's input ended; it waits for a checkpoint taken after that (the final checkpoint) before it finishes. */
  endOfData: boolean;
}

/** How long to wait for a task's outcome message once its piscina run has returned (the two travel separately). */
const OUTCOME_GRACE_MS = 250;

/**
 * One job on the job manager: deploys its tasks, tracks their states, runs its source coordinators, master hooks and
 * checkpoint coordinator, restarts it from the latest completed checkpoint after a failure (as its restart strategy
 * allows), and finishes, fails or cancels it. Everything here runs as mail on the job manager's mailbox; nothing
 * awaits in the middle of a state change.
 */
export class JobExecution {
  private status: JobStatus = 'CREATED';
  private attempt = 0;
  private tasks: TaskExecution[] = [];
  /** Metrics of the tasks of earlier attempts, so that the job's totals survive restarts. */
  private readonly previousSamples: TaskMetricsSample[] = [];
  private coordinators = new Map<number, SourceCoordinator>();
  private readonly hooks: MasterTriggerRestoreHook<unknown>[] = [];
  private readonly checkpoints: CheckpointCoordinator;
  private readonly storage: CheckpointStorage;
  private readonly backoff: RestartBackoff;
  private failure: Error | undefined;
  private readonly startedAt: number;
  private readonly timers = new Set<CancelTimer>();
  private readonly alignment = new WatermarkAlignment((member, maxAllowed) => {
    const [vertexId, subtaskIndex] = member.split('/').map(Number) as [number, number];
    this.sendToTask(vertexId, subtaskIndex, { type: 'alignWatermark', maxAllowed });
  });

  constructor(
    private readonly graph: JobGraph,
    private readonly options: JobExecutionOptions,
    private readonly mailbox: Mailbox,
    private readonly launcher: TaskLauncher,
    private readonly listener: JobListener,
  ) {
    this.startedAt = mailbox.clock.now();
    this.storage = new CheckpointStorage(options.checkpointDir);
    this.backoff = new RestartBackoff(graph.streamGraph.restartStrategy, () => mailbox.clock.now());
    for (const vertex of graph.vertices) {
      const head = vertex.nodes[0]!;
      if (head.spec.kind === 'source' && isExternallyInducedSource(head.spec.source)) {
        this.hooks.push(head.spec.source.createMasterHook());
      }
    }
    this.checkpoints = new CheckpointCoordinator(
      graph.streamGraph.checkpointConfig,
      this.storage,
      mailbox,
      {
        plan: () => this.checkpointPlan(),
        snapshotCoordinators: (id) => {
          const states: Record<string, Uint8Array> = {};
          for (const [vertexId, coordinator] of this.coordinators) {
            states[graph.vertices[vertexId]!.nodes[0]!.uid] = coordinator.snapshot(id);
          }
          return states;
        },
        hooks: this.hooks,
        sendTrigger: (task, checkpointId, timestamp, kind, stopAfter) => {
          this.sendToTask(task.vertexId, task.subtaskIndex, {
            type: 'triggerCheckpointBarrier',
            checkpointId,
            timestamp,
            kind,
            stopAfter,
          });
          this.coordinators.get(task.vertexId)?.openValve(task.subtaskIndex);
        },
        notifyComplete: (checkpointId, thenStop, final) => {
          for (const coordinator of this.coordinators.values()) coordinator.notifyCheckpointComplete(checkpointId);
          this.broadcast({ type: 'notifyCheckpointComplete', checkpointId, thenStop, final });
        },
        notifyAborted: (checkpointId) => {
          for (const coordinator of this.coordinators.values()) coordinator.notifyCheckpointAborted(checkpointId);
          this.broadcast({ type: 'notifyCheckpointAborted', checkpointId });
        },
        metadataBase: () => ({
          jobId: options.jobId,
          jobName: this.jobName,
          maxParallelism: graph.streamGraph.maxParallelism,
          vertices: graph.vertices.map((v) => ({
            id: v.id,
            uids: v.nodes.map((n) => n.uid),
            parallelism: v.parallelism,
          })),
        }),
        failJob: (error) => this.handleFailure(new JobFailedError(this.jobName, undefined, error)),
      },
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
    this.every(this.options.metricsIntervalMs, () => this.listener.onMetrics(this.metrics()));
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
    const current = this.tasks.flatMap((t) => (t.metrics === undefined ? [] : [t.metrics]));
    const elapsed = this.mailbox.clock.now() - this.startedAt;
    if (this.previousSamples.length === 0) return summarizeJobMetrics(this.options.jobId, this.graph, elapsed, current);
    return summarizeJobMetrics(this.options.jobId, this.graph, elapsed, [...this.previousSamples, ...current]);
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

  private restartDelayMs = 0;

  /** Cancels every task of the current attempt and stops its coordinators and checkpoints. */
  private stopAttempt(): void {
    this.checkpoints.stop(this.status === 'RESTARTING' ? 'task-failure' : 'job-ended');
    for (const task of this.tasks) {
      if (!isEnded(task)) task.control.postMessage({ type: 'cancel' } satisfies JobManagerToTask);
    }
    for (const coordinator of this.coordinators.values()) coordinator.close();
    const attempt = this.attempt;
    this.after(this.options.cancelTimeoutMs, () => {
      if (this.attempt !== attempt) return;
      // Tasks stuck in user code never see the cancel mail: end them the hard way, as Flink's task watchdog does.
      const stuck = new Set(this.tasks.filter((t) => !isEnded(t)).map((t) => t.threadId));
      for (const threadId of stuck) if (threadId !== undefined) void this.launcher.terminateThread(threadId);
    });
    this.onAttemptMaybeEnded();
  }

  private onAttemptMaybeEnded(): void {
    if (isTerminal(this.status) || !this.tasks.every(isEnded)) return;
    if (this.status === 'FAILING') this.finish(this.failure);
    else if (this.status === 'CANCELLING') this.finish(new JobCancelledError(this.jobName));
    else if (this.status === 'RESTARTING') this.after(this.restartDelayMs, () => this.restart());
  }

  private restart(): void {
    if (this.status !== 'RESTARTING') return;
    this.mailbox.whenDone(
      // Folders of aborted or dropped checkpoints may still be going away: scan once they are gone.
      this.checkpoints
        .removalsSettled()
        .then(() =>
          findRestorableCheckpoint(this.storage, (dir, reason) =>
            console.error(`dhara: job '${this.jobName}': refusing checkpoint ${dir}: ${reason}`),
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
    const restored = Promise.all(
      this.hooks.map((hook) => {
        if (checkpoint === undefined) return hook.reset?.();
        const data = checkpoint.metadata.hooks[hook.identifier];
        return hook.restoreCheckpoint(
          checkpoint.metadata.checkpointId,
          data === undefined ? undefined : decodeState(data),
        );
      }),
    );
    this.mailbox.whenDone(
      restored,
      (_ok, error) => {
        if (this.status !== expected) return;
        if (error !== undefined) {
          if (attempt === 'first') this.fail(new JobFailedError(this.jobName, undefined, error));
          else this.handleRestoreFailure(error);
          return;
        }
        if (attempt === 'first') {
          this.deployAttempt(checkpoint);
          return;
        }
        for (const task of this.tasks) if (task.metrics !== undefined) this.previousSamples.push(task.metrics);
        this.attempt++;
        this.listener.onRestart(this.attempt, checkpoint?.metadata.checkpointId);
        this.setStatus('RUNNING');
        this.deployAttempt(checkpoint);
      },
      `restore master hooks of ${this.jobName}`,
    );
  }

  private handleRestoreFailure(error: unknown): void {
    this.setStatus('RUNNING');
    this.handleFailure(new JobFailedError(this.jobName, undefined, error));
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
    this.coordinators = new Map();
    this.alignment.clear();
    for (const vertex of this.graph.vertices) {
      const head = vertex.nodes[0]!;
      if (head.spec.kind !== 'source') continue;
      const coordinator = new SourceCoordinator(
        vertex,
        head.spec.source as Source<unknown, SourceSplit, unknown>,
        this.mailbox,
        (subtaskIndex, message) => this.sendToTask(vertex.id, subtaskIndex, message),
        (error) => this.handleFailure(new JobFailedError(this.jobName, undefined, error)),
      );
      this.coordinators.set(vertex.id, coordinator);
      coordinator.start(checkpoint?.metadata.coordinators[head.uid]);
    }
    if (this.status !== 'RUNNING') return;
    this.tasks = [];
    for (const subtasks of createSubtaskPorts(this.graph)) {
      for (const ports of subtasks) this.deploy(ports, plan.get(`${ports.vertex.id}/${ports.subtaskIndex}`));
    }
    this.checkpoints.start();
  }

  private deploy(ports: ReturnType<typeof createSubtaskPorts>[number][number], restore: RestoreSpec | undefined): void {
    const { vertex, subtaskIndex } = ports;
    const [jmControl, taskControl] = ports.control;
    const task: TaskExecution = {
      vertex,
      vertexId: vertex.id,
      subtaskIndex,
      attempt: this.attempt,
      control: jmControl,
      state: 'DEPLOYING',
      threadId: undefined,
      metrics: undefined,
      endOfData: false,
    };
    this.tasks.push(task);
    jmControl.on('message', (message: TaskToJobManager) =>
      this.mailbox.send(() => this.onTaskMessage(task, message), `${message.type} from ${describe(task)}`),
    );
    const { streamGraph } = this.graph;
    const deployment: TaskDeployment = {
      jobId: this.options.jobId,
      jobName: this.jobName,
      modulePath: this.options.modulePath,
      defaultParallelism: this.options.defaultParallelism,
      defaultCheckpointIntervalMs: this.options.defaultCheckpointIntervalMs,
      env: this.options.env,
      fingerprint: streamGraph.fingerprint,
      outline: streamGraph.outline,
      vertexId: vertex.id,
      subtaskIndex,
      attemptNumber: this.attempt,
      network: this.options.network,
      checkpointConfig: streamGraph.checkpointConfig,
      checkpointDir: this.options.checkpointDir,
      restore,
      faults: this.options.faults,
      metricsIntervalMs: this.options.metricsIntervalMs,
      control: taskControl,
      inputs: ports.inputs,
      outputs: ports.outputs,
    };
    const transfer: Transferable[] = [
      taskControl,
      ...ports.inputs.flatMap((i) => i.ports),
      ...ports.outputs.flatMap((o) => o.ports),
    ];
    this.mailbox.whenDone(
      this.launcher.launch(deployment, transfer),
      (returned, error) => {
        if (error !== undefined) this.onTaskLost(task, error);
        else this.after(OUTCOME_GRACE_MS, () => this.onTaskEnded(task, returned as TaskOutcome));
      },
      `run of ${describe(task)} ended`,
    );
  }

  private onTaskMessage(task: TaskExecution, message: TaskToJobManager): void {
    if (isEnded(task)) return;
    switch (message.type) {
      case 'running':
        task.state = 'RUNNING';
        task.threadId = message.threadId;
        this.coordinators.get(task.vertexId)?.registerReader(task.subtaskIndex, `thread-${message.threadId}`);
        return;
      case 'metrics':
        task.metrics = message.sample;
        return;
      case 'splitRequest':
        this.coordinators.get(task.vertexId)?.handleSplitRequest(task.subtaskIndex);
        return;
      case 'sourceEvent':
        this.coordinators.get(task.vertexId)?.handleSourceEvent(task.subtaskIndex, message.event);
        return;
      case 'collect':
        this.listener.onCollected(message.name, message.values);
        return;
      case 'acknowledgeCheckpoint':
        this.checkpoints.receiveAcknowledge(
          task,
          message.checkpointId,
          message.handle,
          message.operatorUids,
          message.stats,
        );
        return;
      case 'declineCheckpoint':
        this.checkpoints.receiveDecline(task, message.checkpointId, message.reason);
        return;
      case 'reportWatermark': {
        const head = task.vertex.nodes[0]!;
        const drift = head.spec.kind === 'source' ? head.spec.watermarkStrategy.alignment?.maxDriftMs : undefined;
        if (drift !== undefined)
          this.alignment.report(`${task.vertexId}/${task.subtaskIndex}`, message.group, drift, message.watermark);
        return;
      }
      case 'endOfData':
        task.endOfData = true;
        // Checkpoints are not triggered before every task ended its input (Flink waits for the next periodic one).
        if (this.tasks.every((t) => t.endOfData)) this.checkpoints.triggerFinal();
        return;
      case 'outcome':
        this.onTaskEnded(task, message.outcome);
        return;
    }
  }

  private onTaskEnded(task: TaskExecution, outcome: TaskOutcome): void {
    if (isEnded(task)) return;
    task.metrics = outcome.metrics ?? task.metrics;
    task.control.removeAllListeners('message');
    task.control.close();
    this.checkpoints.taskEnded(task);
    this.alignment.remove(`${task.vertexId}/${task.subtaskIndex}`);
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
          new JobFailedError(this.jobName, origin(task, outcome.operator), new RemoteError(outcome.error)),
        );
        break;
    }
    this.onAttemptMaybeEnded();
  }

  /** The worker thread of a task died (terminated, crashed, out of memory). */
  private onTaskLost(task: TaskExecution, error: unknown): void {
    if (isEnded(task)) return;
    task.control.removeAllListeners('message');
    task.control.close();
    task.state = 'FAILED';
    this.checkpoints.taskEnded(task);
    this.handleFailure(
      new JobFailedError(this.jobName, origin(task, undefined), new WorkerDiedError(task.threadId, error)),
    );
    this.onAttemptMaybeEnded();
  }

  /**
   * Checkpoints need every task of the attempt running. With checkpointing on, a task whose input ended stays running
   * until a checkpoint taken after that completes (the final checkpoint of FLIP-147), so this holds until the end.
   */
  private checkpointPlan(): { sources: TaskRef[]; all: TaskRef[] } | undefined {
    if (this.status !== 'RUNNING' || !this.tasks.every((t) => t.state === 'RUNNING')) return undefined;
    return {
      sources: this.tasks.filter((t) => t.vertex.nodes[0]!.spec.kind === 'source'),
      all: this.tasks,
    };
  }

  private finish(error: Error | undefined): void {
    if (this.finishing) return;
    this.finishing = true;
    // A checkpoint whose _metadata is being written completes first: the job's last checkpoint stays usable.
    this.checkpoints.stop('job-ended', () => this.terminate(error));
  }

  private finishing = false;

  private terminate(error: Error | undefined): void {
    for (const coordinator of this.coordinators.values()) coordinator.close();
    for (const hook of this.hooks) void hook.close?.();
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.setStatus(error === undefined ? 'FINISHED' : error instanceof JobCancelledError ? 'CANCELED' : 'FAILED');
    if (this.status !== 'FAILED' && !this.graph.streamGraph.checkpointConfig.retainOnTermination) {
      void CheckpointStorage.remove(this.options.checkpointDir);
    }
    this.listener.onTerminal(error, this.metrics());
  }

  private sendToTask(vertexId: number, subtaskIndex: number, message: JobManagerToTask): void {
    const task = this.tasks.find((t) => t.vertexId === vertexId && t.subtaskIndex === subtaskIndex);
    if (task !== undefined && !isEnded(task)) task.control.postMessage(message);
  }

  private broadcast(message: JobManagerToTask): void {
    for (const task of this.tasks) if (!isEnded(task)) task.control.postMessage(message);
  }

  private setStatus(status: JobStatus): void {
    this.status = status;
    this.listener.onStatus(status);
  }

  private after(delayMs: number, action: () => void): void {
    const cancel = this.mailbox.schedule(
      delayMs,
      () => {
        this.timers.delete(cancel);
        action();
      },
      `timer of job ${this.jobName}`,
    );
    this.timers.add(cancel);
  }

  private every(periodMs: number, action: () => void): void {
    this.after(periodMs, () => {
      action();
      if (!isTerminal(this.status)) this.every(periodMs, action);
    });
  }
}

function isEnded(task: TaskExecution): boolean {
  return task.state === 'FINISHED' || task.state === 'FAILED' || task.state === 'CANCELED';
}

function describe(task: TaskExecution): string {
  return `${task.vertex.name} (${task.subtaskIndex + 1}/${task.vertex.parallelism})`;
}

function origin(task: TaskExecution, operator: FailedOperator | undefined) {
  return {
    vertexName: task.vertex.name,
    operatorName: operator?.name,
    operatorUid: operator?.uid,
    subtaskIndex: task.subtaskIndex,
    parallelism: task.vertex.parallelism,
  };
}
