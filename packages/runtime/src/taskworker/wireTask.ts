import type { RuntimeContext } from '@dhara/core';
import type { JobGraph, JobVertex, StreamNode } from '@dhara/core/internal';
import type { TaskSnapshot } from '../checkpoint/index.ts';
import { FaultInjector } from '../faults/index.ts';
import type { TaskMetrics } from '../metrics/index.ts';
import type { FrameCodec, InputGate, OutputChannel, RecordWriter } from '../network/index.ts';
import type { TaskDeployment, TaskToJobManager } from '../protocol/index.ts';
import { keyGroupRangeForSubtask, type OperatorStateBackend } from '../state/index.ts';
import { OperatorChain } from './chain/index.ts';
import { BarrierHandler, restoreChannelState, TaskCheckpointer } from './checkpointing/index.ts';
import { createInputGate, createRecordWriters } from './createNetwork.ts';
import type { TaskInput, WakeSignal } from './input/index.ts';
import { NetworkInput } from './input/index.ts';
import type { MailboxProcessingTimeService } from './MailboxProcessingTimeService.ts';
import { SourceOperator } from './source/index.ts';

/** What a task's parts are built from: its deployment, and the services the task loop owns. */
export interface TaskWiring {
  readonly deployment: TaskDeployment;
  readonly vertex: JobVertex;
  readonly jobGraph: JobGraph;
  readonly restored: TaskSnapshot | undefined;
  /** `vertex name (subtask/parallelism)`, for messages. */
  readonly name: string;
  readonly codec: FrameCodec;
  readonly metrics: TaskMetrics;
  readonly timerService: MailboxProcessingTimeService;
  readonly signal: WakeSignal;
  /** The task loop's notion of now, set once per step. */
  readonly loopTime: { readonly now: number };
  /** Checkpointing is on: after the end of input the task waits for a final checkpoint. */
  readonly checkpointingEnabled: boolean;
  readonly send: (message: TaskToJobManager) => void;
  /** Fails the task from outside its loop. */
  readonly failTask: (error: unknown) => void;
}

/** A task's parts, wired together. */
export interface TaskParts {
  readonly writers: readonly RecordWriter[];
  readonly channels: readonly OutputChannel[];
  readonly chain: OperatorChain;
  /** The network input (tasks without a source). */
  readonly gate: InputGate | undefined;
  readonly checkpointer: TaskCheckpointer;
  /** A source task's source; it is the task's input too. */
  readonly source: SourceOperator | undefined;
  /** Follows the barriers on the input gate and calls the checkpointer (tasks without a source). */
  readonly barriers: BarrierHandler | undefined;
  readonly input: TaskInput;
}

/**
 * Builds a task's parts: its record writers, its operator chain, its checkpointer, and its input — the source
 * operator, or the input gate with its barrier handler. Restored in-flight data goes back into the channels last.
 */
export function wireTask(wiring: TaskWiring): TaskParts {
  const { deployment, vertex, jobGraph, restored, codec, metrics, timerService, signal } = wiring;
  const { subtaskIndex, checkpointConfig } = deployment;
  const faults = new FaultInjector(deployment.faults, subtaskIndex, deployment.attemptNumber);
  const wake = (): void => signal.notify();
  const { writers, channels } = createRecordWriters(deployment, vertex, jobGraph, codec, wake, wiring.loopTime);
  const nodeById = new Map(vertex.nodes.map((n) => [n.id, n]));
  const chain = new OperatorChain({
    vertex,
    writers,
    codec,
    time: timerService,
    autoWatermarkIntervalMs: jobGraph.streamGraph.autoWatermarkIntervalMs,
    metrics,
    restored,
    faults,
    keyGroupRange: keyGroupRangeForSubtask(vertex.maxParallelism, vertex.parallelism, subtaskIndex),
    runtimeContextOf: (nodeId, operatorState) => runtimeContext(deployment, nodeById.get(nodeId)!, operatorState),
    sendCollected: (name, values) => wiring.send({ type: 'collect', name, values }),
    finalCheckpoint: wiring.checkpointingEnabled,
  });

  const head = vertex.nodes[0]!;
  const gate = head.spec.kind === 'source' ? undefined : createInputGate(deployment, jobGraph, wake);
  const checkpointer = new TaskCheckpointer({
    vertexId: vertex.id,
    subtaskIndex,
    jobCheckpointDir: deployment.checkpointDir,
    config: checkpointConfig,
    chain,
    channels,
    inputChannels: gate?.channels.length ?? 0,
    codec,
    faults,
    operatorUids: vertex.nodes.map((n) => n.uid),
    send: wiring.send,
    failTask: wiring.failTask,
  });

  let source: SourceOperator | undefined;
  let barriers: BarrierHandler | undefined;
  let input: TaskInput;
  if (head.spec.kind === 'source') {
    source = new SourceOperator({
      node: head,
      spec: head.spec,
      subtaskIndex,
      parallelism: vertex.parallelism,
      attemptNumber: deployment.attemptNumber,
      checkpointingEnabled: wiring.checkpointingEnabled,
      restored: restored?.operators[head.uid],
      output: chain.sourceOutput!,
      signal,
      metrics,
      time: timerService,
      autoWatermarkIntervalMs: jobGraph.streamGraph.autoWatermarkIntervalMs,
      faults,
      checkpointer,
      send: wiring.send,
    });
    input = source;
  } else {
    barriers = new BarrierHandler(gate!, checkpointConfig.mode, () => performance.now(), checkpointer, {
      enabled: checkpointConfig.unaligned,
      alignedTimeoutMs: checkpointConfig.alignedTimeoutMs,
      clock: timerService.wallClock(),
      codec,
      channelStateWriter: checkpointer,
    });
    input = new NetworkInput(gate!, codec, chain.networkOutput!, metrics, barriers);
  }

  // In-flight data of an unaligned checkpoint goes back before any new input or output.
  restoreChannelState(restored?.channelState, gate?.channels ?? [], channels, wiring.name);
  return { writers, channels, chain, gate, checkpointer, source, barriers, input };
}

/** What an operator's user function sees of its task. */
function runtimeContext(deployment: TaskDeployment, node: StreamNode, state: OperatorStateBackend): RuntimeContext {
  return {
    jobName: deployment.jobName,
    operatorUid: node.uid,
    operatorName: node.name,
    subtaskIndex: deployment.subtaskIndex,
    parallelism: node.parallelism,
    maxParallelism: node.maxParallelism,
    attemptNumber: deployment.attemptNumber,
    getListState: (d) => state.getListState(d),
    getUnionListState: (d) => state.getUnionListState(d),
  };
}
