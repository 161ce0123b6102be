import type { JobVertex, RuntimeContext, StreamNode } from '@dhara/core';
import type { OperatorSnapshot, TaskSnapshot } from '../checkpoint/index.ts';
import { attributeTo, attributeToAsync, OperatorError } from '../errors/index.ts';
import type { FaultInjector } from '../faults/index.ts';
import type { TaskMetrics } from '../metrics/index.ts';
import type { FrameCodec, RecordWriter } from '../network/index.ts';
import { type KeyGroupRange, OperatorStateBackend, type ProcessingTimeService } from '../state/index.ts';
import { createOperator, type OperatorContext, type Output, type StreamOperator } from './operators/index.ts';

type Target = (value: unknown, timestamp: number | undefined) => void;

/** Calls an operator, naming it in any exception that an operator further down the chain did not already claim. */
function guarded(node: StreamNode, operator: StreamOperator, inputIndex: 0 | 1, faults: FaultInjector): Target {
  const counting = faults.countsRecords(node.uid);
  return (value, timestamp) => {
    try {
      if (counting) faults.onRecord(node.uid);
      operator.processElement(value, timestamp, inputIndex);
    } catch (error) {
      throw error instanceof OperatorError ? error : new OperatorError(node.name, node.uid, error);
    }
  };
}

function fanOut(targets: readonly Target[]): Target {
  if (targets.length === 0) return () => {};
  if (targets.length === 1) return targets[0]!;
  return (value, timestamp) => {
    for (const target of targets) target(value, timestamp);
  };
}

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
 * The operators of one task, wired together: each operator's output calls its chained successors directly and writes
 * into the network outputs that leave the chain from it; watermarks follow the same paths and reach every channel.
 * Built from the last operator back to the head.
 */
export class OperatorChain {
  /** Non-source operators with their nodes, in chain order (head first). */
  private readonly members: readonly Member[];
  /** Where the task's input goes: the head operator, or for a source task, the source's output. */
  readonly headInput: (value: unknown, timestamp: number | undefined, inputIndex: 0 | 1) => void;
  readonly headWatermark: (watermark: number) => void;
  readonly headWatermarkStatus: (idle: boolean) => void;
  /** The source node's output (source tasks only): where the source's records and watermarks enter the chain. */
  readonly sourceOutput: Output | undefined;

  constructor(context: ChainContext) {
    const { vertex, writers, codec } = context;
    const writerOfEdge = new Map(writers.map((w) => [w.edgeId, w]));
    const members = new Map<number, Member>();
    const outputs = new Map<number, Output>();

    for (const node of [...vertex.nodes].reverse()) {
      const successors = (vertex.chainedOutputs.get(node.id) ?? []).map((id) => members.get(id)!);
      const main: Target[] = successors.map((m) => guarded(m.node, m.operator, 0, context.faults));
      const side = new Map<string, Target[]>();
      const nodeWriters: RecordWriter[] = [];
      for (const edge of vertex.outputs) {
        if (edge.sourceNodeId !== node.id) continue;
        const writer = writerOfEdge.get(edge.id)!;
        nodeWriters.push(writer);
        const target: Target = (v, t) => writer.emit(v, t);
        if (edge.sideOutput === undefined) main.push(target);
        else side.set(edge.sideOutput, [...(side.get(edge.sideOutput) ?? []), target]);
      }
      const sideTargets = new Map([...side].map(([tag, targets]) => [tag, fanOut(targets)]));
      const output: Output = {
        emit: fanOut(main),
        // A side output that nothing reads is dropped, as in Flink.
        emitSide: (tag, v, t) => sideTargets.get(tag)?.(v, t),
        emitWatermark: (watermark) => {
          for (const m of successors)
            attributeTo(m.node.name, m.node.uid, () => m.operator.processWatermark(watermark));
          if (nodeWriters.length > 0) {
            const frame = codec.encodeWatermark(watermark);
            for (const writer of nodeWriters) writer.broadcastEvent(frame);
          }
        },
        emitWatermarkStatus: (idle) => {
          for (const m of successors)
            attributeTo(m.node.name, m.node.uid, () => m.operator.processWatermarkStatus(idle));
          if (nodeWriters.length > 0) {
            const frame = codec.encodeWatermarkStatus(idle);
            for (const writer of nodeWriters) writer.broadcastEvent(frame);
          }
        },
      };
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
          faults: context.faults,
          finalCheckpoint: context.finalCheckpoint,
        };
        members.set(node.id, { node, operator: createOperator(node, operatorContext) });
      }
    }

    const head = vertex.nodes[0]!;
    this.members = vertex.nodes.filter((n) => n.spec.kind !== 'source').map((n) => members.get(n.id)!);
    if (head.spec.kind === 'source') {
      const output = outputs.get(head.id)!;
      this.sourceOutput = output;
      this.headInput = (v, t) => output.emit(v, t);
      this.headWatermark = (w) => output.emitWatermark(w);
      this.headWatermarkStatus = (idle) => output.emitWatermarkStatus(idle);
    } else {
      const { operator } = members.get(head.id)!;
      const inputs = [guarded(head, operator, 0, context.faults), guarded(head, operator, 1, context.faults)] as const;
      this.sourceOutput = undefined;
      this.headInput = (v, t, i) => inputs[i](v, t);
      this.headWatermark = (w) => attributeTo(head.name, head.uid, () => operator.processWatermark(w));
      this.headWatermarkStatus = (idle) =>
        attributeTo(head.name, head.uid, () => operator.processWatermarkStatus(idle));
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
