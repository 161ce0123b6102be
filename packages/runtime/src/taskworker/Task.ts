import { threadId } from 'node:worker_threads';
import {
  DharaError,
  isExternallyInducedReader,
  type JobGraph,
  type JobVertex,
  type OperatorSpec,
  type RuntimeContext,
  type SourceReader,
} from '@dhara/core';
import { SOURCE_SPLITS_STATE, type TaskSnapshot } from '../checkpoint/index.ts';
import { attributeTo, attributeToAsync } from '../errors/index.ts';
import { FaultInjector } from '../faults/index.ts';
import { type Clock, Mailbox, MailPriority, systemClock } from '../mailbox/index.ts';
import { TaskMetrics, type TaskMetricsSample } from '../metrics/index.ts';
import {
  type CheckpointBarrier,
  createChannelSelector,
  FrameCodec,
  FrameType,
  InputChannel,
  InputGate,
  OutputChannel,
  RecordWriter,
} from '../network/index.ts';
import type { JobManagerToTask, TaskDeployment, TaskToJobManager } from '../protocol/index.ts';
import { keyGroupRangeForSubtask, type ProcessingTimeService } from '../state/index.ts';
import { BarrierHandler, restoreChannelState, startsUnaligned, TaskCheckpointer } from './checkpointing/index.ts';
import { OperatorChain } from './OperatorChain.ts';
import { NetworkInput, SourceInput, type TaskInput } from './TaskInput.ts';
import { WakeSignal } from './WakeSignal.ts';

type SourceSpec = Extract<OperatorSpec, { kind: 'source' }>;

/** Thrown inside a task loop when the job manager cancelled it. */
export class TaskCancelledError extends DharaError {
  constructor() {
    super('TASK_CANCELLED', 'the task was cancelled');
  }
}

/** How long a busy task may keep the thread before it lets the event loop deliver messages to it and its neighbours. */
const YIELD_EVERY_MS = 2;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One subtask of a job vertex: its operator chain, its input (a source reader or the input gate) and its output
 * channels, driven by a mailbox loop. The default action takes one step of input; mail (cancellation, splits, source
 * events, checkpoint triggers and notifications, timers) runs between steps. The task stops taking input while an
 * output channel waits for credit (backpressure).
 */
export class Task {
  readonly metrics: TaskMetrics;
  private readonly mailbox: Mailbox;
  private readonly signal = new WakeSignal();
  private readonly time = { now: performance.now() };
  private readonly codec = new FrameCodec();
  private readonly channels: OutputChannel[] = [];
  private readonly writers: RecordWriter[];
  private readonly gate: InputGate | undefined;
  private readonly chain: OperatorChain;
  private readonly input: TaskInput;
  private readonly reader: SourceReader<unknown, any> | undefined;
  private readonly faults: FaultInjector;
  private readonly checkpointer: TaskCheckpointer;
  private readonly barriers: BarrierHandler | undefined;
  /** Externally induced sources: triggers that arrived before the reader reached their position, by id. */
  private readonly untriggered = new Map<number, CheckpointBarrier>();
  /** Externally induced sources: checkpoints aborted since the last completed one (their markers trigger nothing). */
  private readonly abortedCheckpoints = new Set<number>();
  /** Externally induced sources: the id the reader reached before its trigger arrived. */
  private readerReached: number | undefined;
  private cancelled = false;
  private failure: unknown;
  private metricsTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<() => void>();
  /** Processing time for operators and watermark generators; its timers run as mail between steps. */
  private readonly processingTime: ProcessingTimeService;
  private notifications: Promise<void> = Promise.resolve();
  private readerClosed = false;
  /** Stop with savepoint: the savepoint completed and was notified; the task ends at the next turn. */
  private stopRequested = false;
  /** Stop with savepoint, externally induced: stop once this checkpoint's barrier is out. */
  private stopAfterCheckpoint: number | undefined;
  /** Checkpointing is on: after the end of input the task waits for a final checkpoint before it finishes. */
  private readonly awaitsFinalCheckpoint: boolean;
  /** The input ended and the end of data went out: the task waits for its final checkpoint. */
  private endOfData = false;
  /** The job's final checkpoint (taken after every task's end of data) completed and was handled here. */
  private finalCheckpointDone = false;

  constructor(
    private readonly deployment: TaskDeployment,
    private readonly vertex: JobVertex,
    jobGraph: JobGraph,
    restored: TaskSnapshot | undefined,
    clock: Clock = systemClock,
  ) {
    const { subtaskIndex, network } = deployment;
    this.metrics = new TaskMetrics(vertex.id, subtaskIndex);
    this.mailbox = new Mailbox({ name: `${vertex.name} (${subtaskIndex + 1}/${vertex.parallelism})`, drive: 'manual' });
    this.faults = new FaultInjector(deployment.faults, subtaskIndex, deployment.attemptNumber);
    this.processingTime = this.processingTimeService(clock);
    this.awaitsFinalCheckpoint = deployment.checkpointConfig.intervalMs > 0;

    this.writers = deployment.outputs.map(({ edgeId, ports }) => {
      const edge = jobGraph.edges[edgeId]!;
      const channels = ports.map(
        (port) =>
          new OutputChannel(port, this.codec, network.batchSize, network.creditsPerChannel, this.wake, this.time),
      );
      this.channels.push(...channels);
      const selector = createChannelSelector(edge.partitioner, {
        subtaskIndex,
        numChannels: channels.length,
        maxParallelism: vertex.maxParallelism,
        describe: vertex.name,
      });
      return new RecordWriter(edgeId, channels, selector);
    });

    const nodeById = new Map(vertex.nodes.map((n) => [n.id, n]));
    this.chain = new OperatorChain({
      vertex,
      writers: this.writers,
      codec: this.codec,
      time: this.processingTime,
      autoWatermarkIntervalMs: jobGraph.streamGraph.autoWatermarkIntervalMs,
      metrics: this.metrics,
      restored,
      faults: this.faults,
      keyGroupRange: keyGroupRangeForSubtask(vertex.maxParallelism, vertex.parallelism, subtaskIndex),
      runtimeContextOf: (nodeId, operatorState): RuntimeContext => {
        const node = nodeById.get(nodeId)!;
        return {
          jobName: deployment.jobName,
          operatorUid: node.uid,
          operatorName: node.name,
          subtaskIndex,
          parallelism: node.parallelism,
          maxParallelism: node.maxParallelism,
          attemptNumber: deployment.attemptNumber,
          getListState: (d) => operatorState.getListState(d),
          getUnionListState: (d) => operatorState.getUnionListState(d),
        };
      },
      sendCollected: (name, values) => this.send({ type: 'collect', name, values }),
      finalCheckpoint: this.awaitsFinalCheckpoint,
    });

    const head = vertex.nodes[0]!;
    const operatorUids = vertex.nodes.map((n) => n.uid);
    if (head.spec.kind === 'source') {
      const spec = head.spec as SourceSpec;
      const reader = attributeTo(head.name, head.uid, () =>
        spec.source.createReader({
          subtaskIndex,
          parallelism: vertex.parallelism,
          attemptNumber: deployment.attemptNumber,
          checkpointingEnabled: this.awaitsFinalCheckpoint,
          sendSplitRequest: () => this.send({ type: 'splitRequest' }),
          sendSourceEventToCoordinator: (event) => this.send({ type: 'sourceEvent', event }),
        }),
      );
      this.reader = reader;
      const restoredSplits = restored?.operators[head.uid]?.listState?.[SOURCE_SPLITS_STATE];
      // Restored splits first, then registration, then start (as Flink's SourceOperator).
      if (restoredSplits !== undefined && restoredSplits.length > 0) {
        attributeTo(head.name, head.uid, () => reader.addSplits(restoredSplits as never[]));
      }
      const countsRecords = this.faults.countsRecords(head.uid);
      this.input = new SourceInput(
        reader,
        head,
        spec.watermarkStrategy,
        this.chain.sourceOutput!,
        this.signal,
        this.metrics,
        this.processingTime,
        jobGraph.streamGraph.autoWatermarkIntervalMs,
        () => this.checkReaderPosition(),
        countsRecords ? () => this.faults.onRecord(head.uid) : () => {},
      );
    } else {
      const inputChannels: InputChannel[] = [];
      for (const { edgeId, ports } of deployment.inputs) {
        const { inputIndex } = jobGraph.edges[edgeId]!;
        for (const port of ports) {
          inputChannels.push(
            new InputChannel(inputChannels.length, inputIndex, port, network.creditsPerChannel, this.wake),
          );
        }
      }
      this.gate = new InputGate(inputChannels);
      const { checkpointConfig } = deployment;
      this.barriers = new BarrierHandler(
        this.gate,
        checkpointConfig.mode,
        () => performance.now(),
        {
          triggerCheckpoint: (barrier, alignmentMs, startDelayMs, unaligned) =>
            this.checkpointer.perform(barrier, alignmentMs, startDelayMs, unaligned),
          abortCheckpoint: (checkpointId, reason) => this.checkpointer.decline(checkpointId, reason),
        },
        {
          enabled: checkpointConfig.unaligned,
          alignedTimeoutMs: checkpointConfig.alignedTimeoutMs,
          clock: this.mailboxClock(),
          codec: this.codec,
          channelStateComplete: (checkpointId, inputs, bytes) =>
            this.checkpointer.channelStateComplete(checkpointId, inputs, bytes),
        },
      );
      this.input = new NetworkInput(
        this.gate,
        this.codec,
        this.chain.headInput,
        this.chain.headWatermark,
        this.chain.headWatermarkStatus,
        this.metrics,
        this.barriers,
      );
    }

    this.checkpointer = new TaskCheckpointer({
      vertexId: vertex.id,
      subtaskIndex,
      jobCheckpointDir: deployment.checkpointDir,
      inlineThresholdBytes: deployment.checkpointConfig.inlineStateThresholdBytes,
      chain: this.chain,
      channels: this.channels,
      inputChannels: this.gate?.channels.length ?? 0,
      codec: this.codec,
      source:
        this.reader === undefined
          ? undefined
          : {
              uid: head.uid,
              snapshotSplits: (id) => attributeTo(head.name, head.uid, () => this.reader!.snapshotState(id)),
            },
      faults: this.faults,
      operatorUids,
      send: (message) => this.send(message),
      failTask: (error) => {
        this.failure = error;
        this.signal.notify();
      },
    });

    // In-flight data of an unaligned checkpoint goes back before any new input or output.
    restoreChannelState(
      restored?.channelState,
      this.gate?.channels ?? [],
      this.channels,
      `${vertex.name} (${subtaskIndex + 1}/${vertex.parallelism})`,
    );

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
    this.atReader((reader) => reader.start());
    this.input.start();
    this.startWatermarkReports();

    const { flushIntervalMs, maxBacklogPerChannel } = this.deployment.network;
    let lastYield = performance.now();
    for (;;) {
      this.runMail();
      if (this.stopRequested) {
        // Stop with savepoint: the savepoint is complete and notified; end here, without ending the input.
        await this.checkpointer.drain();
        await this.notifications;
        await this.chain.close();
        return;
      }
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
      this.time.now = performance.now();
      const result = this.input.step();
      if (result === 'ended') break;
      if (result === 'idle') {
        this.flushAll();
        await this.metrics.measure('idle', this.signal.wait());
        continue;
      }
      for (const channel of this.channels) channel.flushIfOlderThan(flushIntervalMs, this.time.now);
      if (this.time.now - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }

    await this.chain.endInput();
    this.input.stop();
    if (this.awaitsFinalCheckpoint && !(await this.awaitFinalCheckpoint())) {
      // Stopped with a savepoint while waiting: end as the stop path does.
      await this.checkpointer.drain();
      await this.notifications;
      await this.chain.close();
      return;
    }
    for (const channel of this.channels) channel.sendEvent(this.codec.encodeEvent(FrameType.END_OF_PARTITION));
    // Stay until every frame, the end-of-partition events included, has been handed to the receivers.
    while (this.channels.some((c) => c.backlogSize > 0)) {
      this.runMail();
      await this.metrics.measure('backpressured', this.signal.wait());
    }
    await this.checkpointer.drain();
    await this.notifications;
    await this.chain.close();
    const head = this.vertex.nodes[0]!;
    this.readerClosed = true;
    await attributeToAsync(head.name, head.uid, () => this.reader?.close?.());
  }

  /**
   * FLIP-147: the input ended, so the end of data goes downstream and the task waits — still taking barriers, mail
   * and its upstream's end of partition — until a checkpoint it took after that point has completed and its
   * completion work (a sink's commit) is done. False when a stop with savepoint ended the wait instead.
   */
  private async awaitFinalCheckpoint(): Promise<boolean> {
    for (const channel of this.channels) channel.sendEvent(this.codec.encodeEvent(FrameType.END_OF_DATA));
    this.endOfData = true;
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

  sample(): TaskMetricsSample {
    const { network } = this.deployment;
    let bytesOut = 0;
    let maxOutputBacklog = 0;
    for (const c of this.channels) {
      bytesOut += c.bytesSent;
      maxOutputBacklog = Math.max(maxOutputBacklog, c.maxBacklogSeen);
    }
    this.metrics.recordsOut = this.writers.reduce((n, w) => n + w.recordsOut, 0);
    return this.metrics.sample({
      bytesOut,
      maxOutputBacklog,
      outputBacklogBound: network.maxBacklogPerChannel,
      maxInputQueue: this.gate?.channels.reduce((m, c) => Math.max(m, c.maxQueuedSeen), 0) ?? 0,
      inputQueueBound: network.creditsPerChannel,
    });
  }

  /** Releases the task's ports, timers and reader, whatever way it ended. */
  dispose(): void {
    clearInterval(this.metricsTimer);
    this.input.stop();
    if (!this.readerClosed && this.reader?.close !== undefined) {
      // Cancelled or failed: the reader's resources (open files, sockets) go now, not at garbage collection.
      this.readerClosed = true;
      Promise.resolve()
        .then(() => this.reader?.close?.())
        .catch(() => {});
    }
    for (const cancel of [...this.timers]) cancel();
    this.mailbox.close();
    this.gate?.close();
    for (const channel of this.channels) channel.close();
    this.deployment.control.removeAllListeners('message');
  }

  /** Sends a message to the job manager on the control port. */
  send(message: TaskToJobManager): void {
    this.deployment.control.postMessage(message);
  }

  private readonly wake = (): void => this.signal.notify();

  /** Wall-clock time (as barrier timestamps), with timers that run as mail (the aligned checkpoint timeout). */
  private mailboxClock(): Clock {
    return {
      now: () => systemClock.now(),
      setTimer: (delayMs, callback) =>
        systemClock.setTimer(delayMs, () => {
          this.mailbox.send(callback, 'aligned checkpoint timeout');
          this.signal.notify();
        }),
    };
  }

  /** Whether a source task sends this barrier as a priority event. */
  private unalignedAtSource(barrier: CheckpointBarrier): boolean {
    return startsUnaligned(this.deployment.checkpointConfig, barrier, Date.now());
  }

  private processingTimeService(clock: Clock): ProcessingTimeService {
    return {
      now: () => clock.now(),
      registerTimer: (timestamp, callback) => {
        const cancelClock = clock.setTimer(timestamp - clock.now(), () => {
          this.timers.delete(cancel);
          // Due timers fired at the end of input; later ones would emit after the end of data.
          if (this.endOfData) return;
          this.mailbox.send(callback, 'processing-time timer');
          this.signal.notify();
        });
        const cancel = (): void => {
          cancelClock();
          this.timers.delete(cancel);
        };
        this.timers.add(cancel);
        return cancel;
      },
    };
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
        this.atReader((reader) => reader.addSplits(message.splits as never[]));
        return;
      case 'noMoreSplits':
        this.atReader((reader) => reader.notifyNoMoreSplits());
        return;
      case 'sourceEvent':
        this.atReader((reader) => reader.handleSourceEvent?.(message.event));
        return;
      case 'triggerCheckpointBarrier':
        this.onTrigger({ checkpointId: message.checkpointId, timestamp: message.timestamp, kind: message.kind });
        if (message.stopAfter === true && this.input instanceof SourceInput) {
          // Stop with savepoint: nothing after the savepoint's barrier (an externally induced reader stops at the
          // barrier's position once it is reached).
          if (this.readerReached === undefined && !this.untriggered.has(message.checkpointId)) {
            this.input.stopWithoutDraining();
          } else {
            this.stopAfterCheckpoint = message.checkpointId;
          }
        }
        return;
      case 'notifyCheckpointComplete':
        this.onCheckpointComplete(message.checkpointId, message.final === true);
        if (message.thenStop === true) this.stopRequested = true;
        return;
      case 'alignWatermark':
        if (this.input instanceof SourceInput) this.input.maxAllowedWatermark = message.maxAllowed;
        return;
      case 'notifyCheckpointAborted':
        this.barriers?.abort(message.checkpointId);
        this.checkpointer.discard(message.checkpointId);
        this.forget(message.checkpointId);
        this.chain.notifyCheckpointAborted(message.checkpointId);
        return;
    }
  }

  /** Watermark alignment: report this reader's watermark to the coordinator every update interval. */
  private startWatermarkReports(): void {
    const head = this.vertex.nodes[0]!;
    const alignment = head.spec.kind === 'source' ? head.spec.watermarkStrategy.alignment : undefined;
    if (alignment === undefined || !(this.input instanceof SourceInput)) return;
    const input = this.input;
    const report = (): void => {
      const { watermarks } = input;
      this.send({
        type: 'reportWatermark',
        group: alignment.group,
        watermark: watermarks.isIdle ? Number.POSITIVE_INFINITY : watermarks.currentWatermark,
      });
      this.processingTime.registerTimer(this.processingTime.now() + alignment.updateIntervalMs, report);
    };
    report();
  }

  /** A source task's trigger: inject the barrier now, or, for an externally induced reader, where the reader says. */
  private onTrigger(barrier: CheckpointBarrier): void {
    if (this.reader === undefined) return;
    // A reader at its end has no position left to wait for: the barrier goes now.
    if (!isExternallyInducedReader(this.reader) || this.endOfData) {
      this.checkpointer.perform(
        barrier,
        0,
        Math.max(0, Date.now() - barrier.timestamp),
        this.unalignedAtSource(barrier),
      );
      return;
    }
    if (this.readerReached === barrier.checkpointId) {
      // The reader got there first and has been waiting for this trigger.
      this.readerReached = undefined;
      (this.input as SourceInput).blocked = false;
      this.performInduced(barrier);
      return;
    }
    this.untriggered.set(barrier.checkpointId, barrier);
  }

  /** After each poll of an externally induced reader: did it reach a checkpoint's position? */
  private checkReaderPosition(): void {
    const reader = this.reader;
    if (reader === undefined || !isExternallyInducedReader(reader)) return;
    const head = this.vertex.nodes[0]!;
    const checkpointId = attributeTo(head.name, head.uid, () => reader.shouldTriggerCheckpoint());
    if (checkpointId === undefined) return;
    // The marker of a checkpoint the coordinator already gave up: nothing will trigger it; read on.
    if (this.abortedCheckpoints.has(checkpointId)) return;
    const barrier = this.untriggered.get(checkpointId);
    if (barrier !== undefined) {
      this.performInduced(barrier);
      return;
    }
    // Reader first: hold the input right here until the coordinator's trigger for this id arrives.
    this.readerReached = checkpointId;
    (this.input as SourceInput).blocked = true;
  }

  private performInduced(barrier: CheckpointBarrier): void {
    // Everything older than this checkpoint can no longer be triggered.
    for (const id of [...this.untriggered.keys()]) if (id <= barrier.checkpointId) this.untriggered.delete(id);
    this.checkpointer.perform(barrier, 0, Math.max(0, Date.now() - barrier.timestamp), this.unalignedAtSource(barrier));
    if (this.stopAfterCheckpoint === barrier.checkpointId && this.input instanceof SourceInput) {
      this.input.stopWithoutDraining();
    }
  }

  private forget(checkpointId: number): void {
    this.abortedCheckpoints.add(checkpointId);
    this.untriggered.delete(checkpointId);
    if (this.readerReached === checkpointId) {
      this.readerReached = undefined;
      (this.input as SourceInput).blocked = false;
    }
  }

  private onCheckpointComplete(checkpointId: number, final: boolean): void {
    for (const id of this.abortedCheckpoints) if (id <= checkpointId) this.abortedCheckpoints.delete(id);
    const operatorUids = this.vertex.nodes.map((n) => n.uid);
    this.faults.onCheckpoint(operatorUids, checkpointId, 'notify-complete');
    this.atReader((reader) => reader.notifyCheckpointComplete?.(checkpointId));
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

  private atReader(action: (reader: SourceReader<unknown, any>) => void): void {
    const head = this.vertex.nodes[0]!;
    if (this.reader !== undefined) attributeTo(head.name, head.uid, () => action(this.reader!));
  }

  private outputAvailable(maxBacklog: number): boolean {
    for (const channel of this.channels) if (channel.backlogSize >= maxBacklog) return false;
    return true;
  }

  private flushAll(): void {
    for (const channel of this.channels) channel.sealBatch();
  }
}
