import type { RuntimeContext } from '@dhara/core';
import type { JobVertex, StreamNode } from '@dhara/core/internal';
import type { OperatorSnapshot, TaskSnapshot } from '../../checkpoint/index.ts';
import { attributeTo, attributeToAsync } from '../../errors/index.ts';
import type { FaultInjector } from '../../faults/index.ts';
import type { TaskMetrics } from '../../metrics/index.ts';
import type { FrameCodec, RecordWriter } from '../../network/index.ts';
import { type KeyGroupRange, OperatorStateBackend, type ProcessingTimeService } from '../../state/index.ts';
import { createOperator, type OperatorContext, type Output, type StreamOperator } from '../operators/index.ts';
import { createOutput } from './createOutput.ts';
import { StreamTaskNetworkOutput } from './StreamTaskNetworkOutput.ts';

export interface ChainContext {
  readonly vertex: JobVertex;
  readonly writers: readonly RecordWriter[];
  readonly codec: FrameCodec;
  readonly runtimeContextOf: (nodeId: number, operatorState: OperatorStateBackend) => RuntimeContext;
  /** The task's state in the checkpoint it starts from, if any. */
  readonly restored: TaskSnapshot | undefined;
  readonly faults: FaultInjector;
  readonly keyGroupRange: KeyGroupRange;
  readonly time: ProcessingTimeService;
  readonly autoWatermarkIntervalMs: number;
  readonly metrics: TaskMetrics;
  readonly sendCollected: (name: string, values: unknown[]) => void;
  /** After the end of input the task waits for a final checkpoint (checkpointing is on). */
  readonly finalCheckpoint: boolean;
}

interface Member {
  readonly node: StreamNode;
  readonly operator: StreamOperator;
}

/**
 * The operators of one task, wired together. Each operator is handed its output (see createOutput): a ChainingOutput
 * into the chained operator that follows, a RecordWriterOutput into a network writer, or a BroadcastingOutput over
 * several; side outputs go by tag. Watermarks follow the same paths and reach every channel. Built from the last
 * operator back to the head.
 */
export class OperatorChain {
  /** Non-source operators with their nodes, in chain order (head first). */
  private readonly members: readonly Member[];
  /** Where the task's network input goes: the head operator (tasks without a source only). */
  readonly networkOutput: StreamTaskNetworkOutput | undefined;
  /** The source node's output (source tasks only): where the source's records and watermarks enter the chain. */
  readonly sourceOutput: Output | undefined;

  constructor(context: ChainContext) {
    const { vertex, writers, codec, faults } = context;
    const writerOfEdge = new Map(writers.map((w) => [w.edgeId, w]));
    const members = new Map<number, Member>();
    const outputs = new Map<number, Output>();

    for (const node of [...vertex.nodes].reverse()) {
      const edges = vertex.outputs.filter((edge) => edge.sourceNodeId === node.id);
      const output = createOutput(
        {
          chained: (vertex.chainedOutputs.get(node.id) ?? []).map((id) => members.get(id)!),
          writers: edges.filter((e) => e.sideOutput === undefined).map((e) => writerOfEdge.get(e.id)!),
          sideWriters: edges.flatMap((e) =>
            e.sideOutput === undefined ? [] : ([[e.sideOutput, writerOfEdge.get(e.id)!]] as const),
          ),
        },
        codec,
        faults,
      );
      outputs.set(node.id, output);
      if (node.spec.kind !== 'source') {
        const restored: OperatorSnapshot | undefined = context.restored?.operators[node.uid];
        const operatorState = new OperatorStateBackend(restored);
        const operatorContext: OperatorContext = {
          runtime: context.runtimeContextOf(node.id, operatorState),
          operatorState,
          restored,
          output,
          keyGroupRange: context.keyGroupRange,
          time: context.time,
          autoWatermarkIntervalMs: context.autoWatermarkIntervalMs,
          metrics: context.metrics,
          sendCollected: context.sendCollected,
          faults,
          finalCheckpoint: context.finalCheckpoint,
        };
        members.set(node.id, { node, operator: createOperator(node, operatorContext) });
      }
    }

    const head = vertex.nodes[0]!;
    this.members = vertex.nodes.filter((n) => n.spec.kind !== 'source').map((n) => members.get(n.id)!);
    if (head.spec.kind === 'source') {
      this.sourceOutput = outputs.get(head.id)!;
      this.networkOutput = undefined;
    } else {
      this.sourceOutput = undefined;
      this.networkOutput = new StreamTaskNetworkOutput(head, members.get(head.id)!.operator, faults);
    }
  }

  async open(): Promise<void> {
    // Last operator first, so that an operator's successors are ready before it can emit (as Flink opens a chain).
    for (const { node, operator } of [...this.members].reverse()) {
      await attributeToAsync(node.name, node.uid, () => operator.open());
    }
  }

  /** Ends input head first: what an operator emits at its end reaches its successors before their own end. */
  async endInput(): Promise<void> {
    for (const { node, operator } of this.members) {
      await attributeToAsync(node.name, node.uid, async () => {
        await operator.pending();
        await operator.endInput();
      });
    }
  }

  async close(): Promise<void> {
    for (const { node, operator } of this.members) {
      await attributeToAsync(node.name, node.uid, () => operator.close());
    }
  }

  /** Lets every operator emit what precedes the barrier; resolves when their background flushes have (if any). */
  prepareSnapshotPreBarrier(checkpointId: number): Promise<unknown> | undefined {
    let waits: Promise<unknown>[] | undefined;
    for (const { node, operator } of this.members) {
      const flushed = attributeTo(node.name, node.uid, () => operator.prepareSnapshotPreBarrier(checkpointId));
      if (flushed === undefined) continue;
      waits ??= [];
      waits.push(attributeToAsync(node.name, node.uid, () => flushed));
    }
    return waits === undefined ? undefined : Promise.all(waits);
  }

  /** The synchronous snapshot of every operator that has state, by uid. */
  snapshotState(checkpointId: number): Record<string, OperatorSnapshot> {
    const snapshots: Record<string, OperatorSnapshot> = {};
    for (const { node, operator } of this.members) {
      const snapshot = attributeTo(node.name, node.uid, () => operator.snapshotState(checkpointId));
      if (snapshot !== undefined) snapshots[node.uid] = snapshot;
    }
    return snapshots;
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    for (const { node, operator } of this.members) {
      await attributeToAsync(node.name, node.uid, () => operator.notifyCheckpointComplete(checkpointId));
    }
  }

  notifyCheckpointAborted(checkpointId: number): void {
    for (const { node, operator } of this.members) {
      attributeTo(node.name, node.uid, () => operator.notifyCheckpointAborted(checkpointId));
    }
  }

  /** Resolves when no operator has async work in flight; undefined when none has (the common case). */
  pending(): Promise<unknown> | undefined {
    let waits: Promise<unknown>[] | undefined;
    for (const { node, operator } of this.members) {
      const p = operator.pending();
      if (p === undefined) continue;
      waits ??= [];
      waits.push(attributeToAsync(node.name, node.uid, () => p));
    }
    return waits === undefined ? undefined : Promise.all(waits);
  }
}
