import { threadId } from 'node:worker_threads';
import type { JobGraph, JobVertex } from '@dhara/core/internal';
import type { TaskSnapshot } from '../checkpoint/index.ts';
import { type Clock, Mailbox, MailPriority, systemClock } from '../mailbox/index.ts';
import { TaskMetrics, type TaskMetricsSample } from '../metrics/index.ts';
import { FrameCodec, FrameType, type InputGate, type OutputChannel, type RecordWriter } from '../network/index.ts';
import type { JobManagerToTask, TaskDeployment, TaskToJobManager } from '../protocol/index.ts';
import type { OperatorChain } from './chain/index.ts';
import type { BarrierHandler, TaskCheckpointer } from './checkpointing/index.ts';
import type { TaskInput } from './input/index.ts';
import { WakeSignal } from './input/index.ts';
import { MailboxProcessingTimeService } from './MailboxProcessingTimeService.ts';
import { sampleTaskMetrics } from './sampleTaskMetrics.ts';
import type { SourceOperator } from './source/index.ts';
import { TaskCancelledError } from './TaskCancelledError.ts';
import { wireTask } from './wireTask.ts';

/** How long a busy task may keep the thread before it lets the event loop deliver messages to it and its neighbours. */
const YIELD_EVERY_MS = 2;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One subtask of a job vertex: its operator chain, its input (a source operator or the network input gate) and its
 * output channels, driven by a mailbox loop. The default action takes one step of input; mail (cancellation, the
 * source coordinator's events, checkpoint triggers and notifications, timers) runs between steps. The task stops
 * taking input while an output channel waits for credit (backpressure). Checkpoints are taken by its TaskCheckpointer,
 * called by the barrier handler (network input) or the source operator.
 */
export class Task {
  readonly metrics: TaskMetrics;
  private readonly mailbox: Mailbox;
  private readonly signal = new WakeSignal();
  /** The loop's notion of now, set once per step (output channels read it per record). */
  private readonly loopTime = { now: performance.now() };
  private readonly codec = new FrameCodec();
  private readonly channels: readonly OutputChannel[];
  private readonly writers: readonly RecordWriter[];
  private readonly gate: InputGate | undefined;
  private readonly chain: OperatorChain;
  private readonly input: TaskInput;
  /** A source task's source (its input too). */
  private readonly source: SourceOperator | undefined;
  private readonly checkpointer: TaskCheckpointer;
  private readonly barriers: BarrierHandler | undefined;
  /** Processing time for operators and watermark generators; its timers run as mail between steps. */
  private readonly timerService: MailboxProcessingTimeService;
  private cancelled = false;
  private failure: unknown;
  private metricsTimer: NodeJS.Timeout | undefined;
  private notifications: Promise<void> = Promise.resolve();
  /** Stop with savepoint: the savepoint completed and was notified; the task ends at the next turn. */
  private stopRequested = false;
  /** Checkpointing is on: after the end of input the task waits for a final checkpoint before it finishes. */
  private readonly awaitsFinalCheckpoint: boolean;
  /** The job's final checkpoint (taken after every task's end of data) completed and was handled here. */
  private finalCheckpointDone = false;

  constructor(
    private readonly deployment: TaskDeployment,
    vertex: JobVertex,
    jobGraph: JobGraph,
    restored: TaskSnapshot | undefined,
    clock: Clock = systemClock,
  ) {
    const { subtaskIndex, checkpointConfig } = deployment;
    const name = `${vertex.name} (${subtaskIndex + 1}/${vertex.parallelism})`;
    this.metrics = new TaskMetrics(vertex.id, subtaskIndex);
    this.mailbox = new Mailbox({ name, drive: 'manual' });
    this.timerService = new MailboxProcessingTimeService(clock, this.mailbox, this.signal);
    this.awaitsFinalCheckpoint = checkpointConfig.intervalMs > 0;
    const parts = wireTask({
      deployment,
      vertex,
      jobGraph,
      restored,
      name,
      codec: this.codec,
      metrics: this.metrics,
      timerService: this.timerService,
      signal: this.signal,
      loopTime: this.loopTime,
      checkpointingEnabled: this.awaitsFinalCheckpoint,
      send: (message) => this.send(message),
      failTask: (error) => {
        this.failure = error;
        this.signal.notify();
      },
    });
    this.writers = parts.writers;
    this.channels = parts.channels;
    this.chain = parts.chain;
    this.gate = parts.gate;
    this.checkpointer = parts.checkpointer;
    this.source = parts.source;
    this.barriers = parts.barriers;
    this.input = parts.input;

    deployment.control.on('message', (message: JobManagerToTask) => {
      this.mailbox.send(
        () => this.onControl(message),
        message.type,
        message.type === 'cancel' ? MailPriority.CONTROL : MailPriority.DEFAULT,
      );
      this.signal.notify();
    });
  }

  /** Runs the task to the end of its input; throws TaskCancelledError when cancelled. */
  async run(): Promise<void> {
    this.metricsTimer = setInterval(
      () => this.send({ type: 'metrics', sample: this.sample() }),
      this.deployment.metricsIntervalMs,
    );
    this.metricsTimer.unref();
    await this.chain.open();
    // Register with the source coordinator before the reader starts, so its first split request finds it registered.
    this.send({ type: 'running', threadId });
    this.input.start();

    const { flushIntervalMs, maxBacklogPerChannel } = this.deployment.network;
    let lastYield = performance.now();
    for (;;) {
      this.runMail();
      // Stop with savepoint: the savepoint is complete and notified; end here, without ending the input.
      if (this.stopRequested) return this.closeChain();
      if (!this.outputAvailable(maxBacklogPerChannel)) {
        // A priority barrier does not wait for credit: the unaligned checkpoint is taken under backpressure.
        if (this.input.stepUrgent?.() === true) continue;
        await this.metrics.measure('backpressured', this.signal.wait());
        continue;
      }
      const pending = this.chain.pending();
      if (pending !== undefined) {
        // An unaligned barrier does not wait for an operator's asynchronous work (a sink's writes): it overtakes it,
        // and the checkpoint's acknowledgement waits for that work instead (prepareSnapshotPreBarrier returns it).
        if (this.input.stepUrgent?.() === true) continue;
        if ((await this.signal.waitOr(pending)) === 'notified') continue;
        await pending; // settled: rethrows its failure
      }
      this.loopTime.now = performance.now();
      const result = this.input.step();
      if (result === 'ended') break;
      if (result === 'idle') {
        for (const channel of this.channels) channel.sealBatch();
        await this.metrics.measure('idle', this.signal.wait());
        continue;
      }
      for (const channel of this.channels) channel.flushIfOlderThan(flushIntervalMs, this.loopTime.now);
      if (this.loopTime.now - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }

    await this.chain.endInput();
    this.input.stop();
    // Stopped with a savepoint while waiting: end as the stop path does.
    if (this.awaitsFinalCheckpoint && !(await this.awaitFinalCheckpoint())) return this.closeChain();
    for (const channel of this.channels) channel.sendEvent(this.codec.encodeEvent(FrameType.END_OF_PARTITION));
    // Stay until every frame, the end-of-partition events included, has been handed to the receivers.
    while (this.channels.some((c) => c.backlogSize > 0)) {
      this.runMail();
      await this.metrics.measure('backpressured', this.signal.wait());
    }
    await this.closeChain();
    await this.source?.close();
  }

  /**
   * FLIP-147: the input ended, so the end of data goes downstream and the task waits — still taking barriers, mail
   * and its upstream's end of partition — until a checkpoint it took after that point has completed and its
   * completion work (a sink's commit) is done. False when a stop with savepoint ended the wait instead.
   */
  private async awaitFinalCheckpoint(): Promise<boolean> {
    for (const channel of this.channels) channel.sendEvent(this.codec.encodeEvent(FrameType.END_OF_DATA));
    this.timerService.quiesce();
    this.source?.finish();
    this.send({ type: 'endOfData' });
    for (;;) {
      this.runMail();
      if (this.stopRequested) return false;
      const upstreamDone = this.gate === undefined || this.gate.isFinished;
      if (this.finalCheckpointDone && upstreamDone) return true;
      // Only barriers, cancellations and ends of partition arrive now.
      if (this.gate !== undefined && this.input.step() === 'progress') continue;
      await this.metrics.measure('idle', this.signal.wait());
    }
  }

  /** Once checkpoints in flight have acknowledged and completion work is done, closes the chain (not the reader). */
  private async closeChain(): Promise<void> {
    await this.checkpointer.waitForPendingCheckpoints();
    await this.notifications;
    await this.chain.close();
  }

  sample(): TaskMetricsSample {
    return sampleTaskMetrics(this.metrics, this.deployment.network, this.writers, this.channels, this.gate);
  }

  /** Releases the task's ports, timers and reader, whatever way it ended. */
  dispose(): void {
    clearInterval(this.metricsTimer);
    this.input.stop();
    this.source?.dispose();
    this.timerService.cancelAll();
    this.mailbox.close();
    this.gate?.close();
    for (const channel of this.channels) channel.close();
    this.deployment.control.removeAllListeners('message');
  }

  /** Sends a message to the job manager on the control port. */
  send(message: TaskToJobManager): void {
    this.deployment.control.postMessage(message);
  }

  private runMail(): void {
    this.mailbox.runAll();
    if (this.failure !== undefined) throw this.failure;
    if (this.cancelled) throw new TaskCancelledError();
  }

  private onControl(message: JobManagerToTask): void {
    switch (message.type) {
      case 'cancel':
        this.cancelled = true;
        return;
      case 'addSplits':
      case 'noMoreSplits':
      case 'sourceEvent':
      case 'alignWatermark':
        this.source?.handleOperatorEvent(message);
        return;
      case 'triggerCheckpointBarrier': {
        const { checkpointId, timestamp, kind } = message;
        this.source?.triggerCheckpointBarrier({ checkpointId, timestamp, kind }, message.stopAfter === true);
        return;
      }
      case 'notifyCheckpointComplete':
        this.notifyCheckpointComplete(message.checkpointId, message.final === true);
        if (message.thenStop === true) this.stopRequested = true;
        return;
      case 'notifyCheckpointAborted':
        this.barriers?.notifyCheckpointAborted(message.checkpointId);
        this.checkpointer.notifyCheckpointAborted(message.checkpointId);
        this.source?.notifyCheckpointAborted(message.checkpointId);
        this.chain.notifyCheckpointAborted(message.checkpointId);
        return;
    }
  }

  private notifyCheckpointComplete(checkpointId: number, final: boolean): void {
    this.checkpointer.notifyCheckpointComplete(checkpointId);
    this.source?.notifyCheckpointComplete(checkpointId);
    // Completion work (a sink's commit) may be async: the task finishes only after it.
    this.notifications = this.notifications
      .then(() => this.chain.notifyCheckpointComplete(checkpointId))
      .then(() => {
        if (!final) return;
        this.finalCheckpointDone = true;
        this.signal.notify();
      })
      .catch((error: unknown) => {
        this.failure = error;
        this.signal.notify();
      });
  }

  private outputAvailable(maxBacklog: number): boolean {
    for (const channel of this.channels) if (channel.backlogSize >= maxBacklog) return false;
    return true;
  }
}
