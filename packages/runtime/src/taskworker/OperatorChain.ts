import type { JobVertex, RuntimeContext, StreamNode } from '@dhara/core';
import { attributeToAsync, OperatorError } from '../errors/index.ts';
import type { RecordWriter } from '../network/index.ts';
import type { KeyGroupRange } from '../state/index.ts';
import { createOperator, type OperatorContext, type Output, type StreamOperator } from './operators/index.ts';

type Target = (value: unknown, timestamp: number | undefined) => void;

/** Calls an operator, naming it in any exception that an operator further down the chain did not already claim. */
function guarded(node: StreamNode, operator: StreamOperator, inputIndex: 0 | 1): Target {
  return (value, timestamp) => {
    try {
      operator.processElement(value, timestamp, inputIndex);
    } catch (error) {
      throw error instanceof OperatorError ? error : new OperatorError(node.name, node.uid, error);
    }
  };
}

function fanOut(targets: readonly Target[]): Target {
  if (targets.length === 1) return targets[0]!;
  return (value, timestamp) => {
    for (const target of targets) target(value, timestamp);
  };
}

export interface ChainContext {
  readonly vertex: JobVertex;
  readonly writers: readonly RecordWriter[];
  readonly runtimeContextOf: (nodeId: number) => RuntimeContext;
  readonly keyGroupRange: KeyGroupRange;
  readonly sendCollected: (name: string, values: unknown[]) => void;
}

/**
 * The operators of one task, wired together: each operator's output calls its chained successors directly and writes
 * into the network outputs that leave the chain from it. Built from the last operator back to the head.
 */
export class OperatorChain {
  /** Non-source operators with their nodes, in chain order (head first). */
  private readonly members: readonly { readonly node: StreamNode; readonly operator: StreamOperator }[];
  /** Where the chain's head sends its records: into its operator, or for a source, its output. */
  readonly headInput: (value: unknown, timestamp: number | undefined, inputIndex: 0 | 1) => void;

  constructor(context: ChainContext) {
    const { vertex, writers } = context;
    const writerOfEdge = new Map(writers.map((w) => [w.edgeId, w]));
    const operators = new Map<number, StreamOperator>();
    const outputs = new Map<number, Output>();

    for (const node of [...vertex.nodes].reverse()) {
      const main: Target[] = [];
      for (const successorId of vertex.chainedOutputs.get(node.id) ?? []) {
        main.push(guarded(vertex.nodes.find((n) => n.id === successorId)!, operators.get(successorId)!, 0));
      }
      const side = new Map<string, Target[]>();
      for (const edge of vertex.outputs) {
        if (edge.sourceNodeId !== node.id) continue;
        const writer = writerOfEdge.get(edge.id)!;
        const target: Target = (v, t) => writer.emit(v, t);
        if (edge.sideOutput === undefined) main.push(target);
        else side.set(edge.sideOutput, [...(side.get(edge.sideOutput) ?? []), target]);
      }
      const emitMain = main.length === 0 ? () => {} : fanOut(main);
      const sideTargets = new Map([...side].map(([tag, targets]) => [tag, fanOut(targets)]));
      const output: Output = {
        emit: emitMain,
        // A side output that nothing reads is dropped, as in Flink.
        emitSide: (tag, v, t) => sideTargets.get(tag)?.(v, t),
      };
      outputs.set(node.id, output);
      if (node.spec.kind !== 'source') {
        const operatorContext: OperatorContext = {
          runtime: context.runtimeContextOf(node.id),
          output,
          keyGroupRange: context.keyGroupRange,
          sendCollected: context.sendCollected,
        };
        operators.set(node.id, createOperator(node, operatorContext));
      }
    }

    const head = vertex.nodes[0]!;
    this.members = vertex.nodes
      .filter((n) => n.spec.kind !== 'source')
      .map((node) => ({ node, operator: operators.get(node.id)! }));
    if (head.spec.kind === 'source') {
      const emit = outputs.get(head.id)!.emit;
      this.headInput = (v, t) => emit(v, t);
    } else {
      const headOperator = operators.get(head.id)!;
      const inputs = [guarded(head, headOperator, 0), guarded(head, headOperator, 1)] as const;
      this.headInput = (v, t, i) => inputs[i](v, t);
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
