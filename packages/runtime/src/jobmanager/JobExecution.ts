import type { MessagePort, Transferable } from 'node:worker_threads';
import type { JobGraph, JobVertex, Source, SourceSplit } from '@dhara/core';
import { RemoteError } from '../errors/index.ts';
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
import { createSubtaskPorts } from './deployTasks.ts';
import { isTerminal, type JobStatus } from './JobStatus.ts';
import { JobCancelledError, JobFailedError, WorkerDiedError } from './jobErrors.ts';
import { SourceCoordinator } from './SourceCoordinator.ts';

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
  onTerminal(error: Error | undefined, metrics: JobMetrics): void;
}

export interface JobExecutionOptions {
  readonly jobId: string;
  readonly modulePath: string;
  readonly defaultParallelism: number;
  readonly env: Readonly<Record<string, string>>;
  readonly network: NetworkConfig;
  readonly metricsIntervalMs: number;
  /** How long a cancelled task may take to stop before its worker thread is terminated. */
  readonly cancelTimeoutMs: number;
}

type TaskState = 'DEPLOYING' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';

interface TaskExecution {
  readonly vertex: JobVertex;
  readonly subtaskIndex: number;
  readonly control: MessagePort;
  state: TaskState;
  threadId: number | undefined;
  metrics: TaskMetricsSample | undefined;
}

/** How long to wait for a task's outcome message once its piscina run has returned (the two travel separately). */
const OUTCOME_GRACE_MS = 250;

/**
 * One job on the job manager: deploys its tasks, tracks their states, runs its source coordinators, and finishes,
 * fails or cancels it. Everything here runs as mail on the job manager's mailbox; nothing awaits in the middle of a
 * state change.
 */
export class JobExecution {
  private status: JobStatus = 'CREATED';
  private readonly tasks: TaskExecution[] = [];
  private readonly coordinators = new Map<number, SourceCoordinator>();
  private failure: Error | undefined;
  private readonly startedAt: number;
  private readonly timers = new Set<CancelTimer>();

  constructor(
    private readonly graph: JobGraph,
    private readonly options: JobExecutionOptions,
    private readonly mailbox: Mailbox,
    private readonly launcher: TaskLauncher,
    private readonly listener: JobListener,
  ) {
    this.startedAt = mailbox.clock.now();
  }

  get jobName(): string {
    return this.graph.streamGraph.jobName;
  }

  get currentStatus(): JobStatus {
    return this.status;
  }

  /** Deploys every task. Runs as mail. */
  start(): void {
    this.setStatus('RUNNING');
    for (const vertex of this.graph.vertices) {
      const head = vertex.nodes[0]!;
      if (head.spec.kind !== 'source') continue;
      const coordinator = new SourceCoordinator(
        vertex,
        head.spec.source as Source<unknown, SourceSplit, unknown>,
        this.mailbox,
        (subtaskIndex, message) => this.sendToTask(vertex.id, subtaskIndex, message),
        (error) => this.fail(new JobFailedError(this.jobName, undefined, error)),
      );
      this.coordinators.set(vertex.id, coordinator);
      coordinator.start();
    }
    if (isTerminal(this.status) || this.status === 'FAILING') return;

    for (const subtasks of createSubtaskPorts(this.graph)) {
      for (const ports of subtasks) this.deploy(ports);
    }
    this.every(this.options.metricsIntervalMs, () => this.listener.onMetrics(this.metrics()));
  }

  /** Cancels the job. Runs as mail. */
  cancel(): void {
    if (isTerminal(this.status) || this.status === 'CANCELLING' || this.status === 'FAILING') return;
    this.setStatus('CANCELLING');
    this.cancelTasks();
  }

  /** Fails the job with `error` (the first failure wins) and cancels every task that is still running. */
  fail(error: Error): void {
    if (isTerminal(this.status) || this.status === 'FAILING') return;
    this.failure = error;
    this.setStatus('FAILING');
    this.cancelTasks();
  }

  metrics(): JobMetrics {
    const samples = this.tasks.flatMap((t) => (t.metrics === undefined ? [] : [t.metrics]));
    return summarizeJobMetrics(this.options.jobId, this.graph, this.mailbox.clock.now() - this.startedAt, samples);
  }

  private deploy(ports: ReturnType<typeof createSubtaskPorts>[number][number]): void {
    const { vertex, subtaskIndex } = ports;
    const [jmControl, taskControl] = ports.control;
    const task: TaskExecution = {
      vertex,
      subtaskIndex,
      control: jmControl,
      state: 'DEPLOYING',
      threadId: undefined,
      metrics: undefined,
    };
    this.tasks.push(task);
    jmControl.on('message', (message: TaskToJobManager) =>
      this.mailbox.send(() => this.onTaskMessage(task, message), `${message.type} from ${this.describe(task)}`),
    );
    const { streamGraph } = this.graph;
    const deployment: TaskDeployment = {
      jobId: this.options.jobId,
      jobName: this.jobName,
      modulePath: this.options.modulePath,
      defaultParallelism: this.options.defaultParallelism,
      env: this.options.env,
      fingerprint: streamGraph.fingerprint,
      outline: streamGraph.outline,
      vertexId: vertex.id,
      subtaskIndex,
      attemptNumber: 0,
      network: this.options.network,
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
        else this.onRunReturned(task, returned as TaskOutcome);
      },
      `run of ${this.describe(task)} ended`,
    );
  }

  private onTaskMessage(task: TaskExecution, message: TaskToJobManager): void {
    if (isEnded(task)) return;
    switch (message.type) {
      case 'running':
        task.state = 'RUNNING';
        task.threadId = message.threadId;
        this.coordinators.get(task.vertex.id)?.registerReader(task.subtaskIndex, `thread-${message.threadId}`);
        return;
      case 'metrics':
        task.metrics = message.sample;
        return;
      case 'splitRequest':
        this.coordinators.get(task.vertex.id)?.handleSplitRequest(task.subtaskIndex);
        return;
      case 'sourceEvent':
        this.coordinators.get(task.vertex.id)?.handleSourceEvent(task.subtaskIndex, message.event);
        return;
      case 'collect':
        this.listener.onCollected(message.name, message.values);
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
        this.fail(
          new JobFailedError(this.jobName, this.origin(task, outcome.operator), new RemoteError(outcome.error)),
        );
        break;
    }
    this.finishIfAllEnded();
  }

  /** The worker thread of a task died (terminated, crashed, out of memory). */
  private onTaskLost(task: TaskExecution, error: unknown): void {
    if (isEnded(task)) return;
    task.control.removeAllListeners('message');
    task.control.close();
    task.state = 'FAILED';
    this.fail(
      new JobFailedError(this.jobName, this.origin(task, undefined), new WorkerDiedError(task.threadId, error)),
    );
    this.finishIfAllEnded();
  }

  private onRunReturned(task: TaskExecution, outcome: TaskOutcome): void {
    // The outcome also comes on the control port, after the task's other messages; prefer that one.
    this.after(OUTCOME_GRACE_MS, () => this.onTaskEnded(task, outcome));
  }

  private cancelTasks(): void {
    for (const task of this.tasks) {
      if (!isEnded(task)) task.control.postMessage({ type: 'cancel' } satisfies JobManagerToTask);
    }
    for (const coordinator of this.coordinators.values()) coordinator.close();
    this.after(this.options.cancelTimeoutMs, () => {
      // Tasks stuck in user code never see the cancel mail: end them the hard way, as Flink's task watchdog does.
      const stuck = new Set(this.tasks.filter((t) => !isEnded(t)).map((t) => t.threadId));
      for (const threadId of stuck) {
        if (threadId !== undefined) void this.launcher.terminateThread(threadId);
      }
    });
    this.finishIfAllEnded();
  }

  private finishIfAllEnded(): void {
    if (isTerminal(this.status) || !this.tasks.every(isEnded)) return;
    if (this.status === 'FAILING') this.finish(this.failure);
    else if (this.status === 'CANCELLING') this.finish(new JobCancelledError(this.jobName));
  }

  private finish(error: Error | undefined): void {
    for (const coordinator of this.coordinators.values()) coordinator.close();
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.setStatus(error === undefined ? 'FINISHED' : error instanceof JobCancelledError ? 'CANCELED' : 'FAILED');
    this.listener.onTerminal(error, this.metrics());
  }

  private sendToTask(vertexId: number, subtaskIndex: number, message: JobManagerToTask): void {
    const task = this.tasks.find((t) => t.vertex.id === vertexId && t.subtaskIndex === subtaskIndex);
    if (task !== undefined && !isEnded(task)) task.control.postMessage(message);
  }

  private setStatus(status: JobStatus): void {
    this.status = status;
    this.listener.onStatus(status);
  }

  private origin(task: TaskExecution, operator: FailedOperator | undefined) {
    return {
      vertexName: task.vertex.name,
      operatorName: operator?.name,
      operatorUid: operator?.uid,
      subtaskIndex: task.subtaskIndex,
      parallelism: task.vertex.parallelism,
    };
  }

  private describe(task: TaskExecution): string {
    return `${task.vertex.name} (${task.subtaskIndex + 1}/${task.vertex.parallelism})`;
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
