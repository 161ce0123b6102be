import { threadId } from 'node:worker_threads';
import type { JobGraph, JobVertex, RuntimeContext, SourceReader } from '@dhara/core';
import { DharaError, type OperatorSpec } from '@dhara/core';
import { attributeTo, attributeToAsync } from '../errors/index.ts';
import { type Clock, Mailbox, MailPriority, systemClock } from '../mailbox/index.ts';
import { TaskMetrics, type TaskMetricsSample } from '../metrics/index.ts';
import {
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
 * events) runs between steps. The task stops taking input while an output channel waits for credit (backpressure).
 */
export class Task {
  readonly metrics: TaskMetrics;
  private readonly mailbox: Mailbox;
  private readonly signal = new WakeSignal();
  private readonly time = { now: performance.now() };
  private readonly codec = new FrameCodec();
  private readonly channels: OutputChannel[] = [];
  private readonly gate: InputGate | undefined;
  private readonly chain: OperatorChain;
  private readonly input: TaskInput;
  private readonly reader: SourceReader<unknown, any> | undefined;
  private readonly writers: RecordWriter[];
  private cancelled = false;
  private metricsTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<() => void>();
  /** Processing time for operators and watermark generators; its timers run as mail between steps. */
  private readonly processingTime: ProcessingTimeService;

  constructor(
    private readonly deployment: TaskDeployment,
    private readonly vertex: JobVertex,
    jobGraph: JobGraph,
    clock: Clock = systemClock,
  ) {
    const { subtaskIndex, network } = deployment;
    this.processingTime = {
      now: () => clock.now(),
      registerTimer: (timestamp, callback) => {
        const cancelClock = clock.setTimer(timestamp - clock.now(), () => {
          this.timers.delete(cancel);
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
    this.metrics = new TaskMetrics(vertex.id, subtaskIndex);
    this.mailbox = new Mailbox({ name: `${vertex.name} (${subtaskIndex + 1}/${vertex.parallelism})`, drive: 'manual' });

    const writers = deployment.outputs.map(({ edgeId, ports }) => {
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
    this.writers = writers;

    const nodeById = new Map(vertex.nodes.map((n) => [n.id, n]));
    this.chain = new OperatorChain({
      vertex,
      writers,
      codec: this.codec,
      time: this.processingTime,
      autoWatermarkIntervalMs: jobGraph.streamGraph.autoWatermarkIntervalMs,
      metrics: this.metrics,
      keyGroupRange: keyGroupRangeForSubtask(vertex.maxParallelism, vertex.parallelism, subtaskIndex),
      runtimeContextOf: (nodeId): RuntimeContext => {
        const node = nodeById.get(nodeId)!;
        return {
          jobName: deployment.jobName,
          operatorUid: node.uid,
          operatorName: node.name,
          subtaskIndex,
          parallelism: node.parallelism,
          maxParallelism: node.maxParallelism,
          attemptNumber: deployment.attemptNumber,
        };
      },
      sendCollected: (name, values) => this.send({ type: 'collect', name, values }),
    });

    const head = vertex.nodes[0]!;
    if (head.spec.kind === 'source') {
      this.reader = attributeTo(head.name, head.uid, () =>
        (head.spec as SourceSpec).source.createReader({
          subtaskIndex,
          parallelism: vertex.parallelism,
          attemptNumber: deployment.attemptNumber,
          sendSplitRequest: () => this.send({ type: 'splitRequest' }),
          sendSourceEventToCoordinator: (event) => this.send({ type: 'sourceEvent', event }),
        }),
      );
      this.input = new SourceInput(
        this.reader,
        head,
        (head.spec as SourceSpec).watermarkStrategy,
        this.chain.sourceOutput!,
        this.signal,
        this.metrics,
        this.processingTime,
        jobGraph.streamGraph.autoWatermarkIntervalMs,
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
      this.input = new NetworkInput(
        this.gate,
        this.codec,
        this.chain.headInput,
        this.chain.headWatermark,
        this.chain.headWatermarkStatus,
        this.metrics,
      );
    }

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

    const { flushIntervalMs, maxBacklogPerChannel } = this.deployment.network;
    let lastYield = performance.now();
    for (;;) {
      this.runMail();
      if (!this.outputAvailable(maxBacklogPerChannel)) {
        await this.metrics.measure('backpressured', this.signal.wait());
        continue;
      }
      const pending = this.chain.pending();
      if (pending !== undefined) await pending;
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
    for (const channel of this.channels) channel.sendEvent(this.codec.encodeEvent(FrameType.END_OF_PARTITION));
    // Stay until every frame, the end-of-partition events included, has been handed to the receivers.
    while (this.channels.some((c) => c.backlogSize > 0)) {
      this.runMail();
      await this.metrics.measure('backpressured', this.signal.wait());
    }
    await this.chain.close();
    const head = this.vertex.nodes[0]!;
    await attributeToAsync(head.name, head.uid, () => this.reader?.close?.());
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

  /** Releases the task's ports and timers, whatever way it ended. */
  dispose(): void {
    clearInterval(this.metricsTimer);
    this.input.stop();
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

  private runMail(): void {
    this.mailbox.runAll();
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
    }
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
