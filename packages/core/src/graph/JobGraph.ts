import type { PartitionerSpec } from './OperatorSpec.ts';
import type { StreamGraph, StreamNode } from './StreamGraph.ts';

/** A network edge between two job vertices (an edge of the stream graph that was not chained). */
export interface JobEdge {
  /** Index in `JobGraph.edges`. */
  readonly id: number;
  readonly sourceVertex: number;
  readonly targetVertex: number;
  /** The operator inside the source vertex that emits into this edge. */
  readonly sourceNodeId: number;
  readonly targetNodeId: number;
  readonly inputIndex: 0 | 1;
  readonly partitioner: PartitionerSpec;
  readonly sideOutput: string | undefined;
}

/** A chain of operators that runs as one task per subtask: records pass between them as plain calls. */
export interface JobVertex {
  readonly id: number;
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** The chain's operators, head first; every other member has exactly one input, from inside the chain. */
  readonly nodes: readonly StreamNode[];
  /** For each chain member: the members it feeds directly. */
  readonly chainedOutputs: ReadonlyMap<number, readonly number[]>;
  readonly inputs: readonly JobEdge[];
  readonly outputs: readonly JobEdge[];
}

export interface JobGraph {
  readonly streamGraph: StreamGraph;
  readonly vertices: readonly JobVertex[];
  readonly edges: readonly JobEdge[];
}

function chainsToInput(node: StreamNode, byId: ReadonlyMap<number, StreamNode>): boolean {
  if (node.inputs.length !== 1) return false;
  const edge = node.inputs[0]!;
  const upstream = byId.get(edge.sourceId)!;
  return (
    edge.partitioner.kind === 'forward' &&
    edge.sideOutput === undefined &&
    node.chainable &&
    upstream.chainable &&
    upstream.parallelism === node.parallelism
  );
}

/**
 * Chains the stream graph into job vertices, as Flink does: an operator joins its input's chain when the edge is a
 * forward edge of the main output, both have the same parallelism, and neither disabled chaining.
 */
export function toJobGraph(streamGraph: StreamGraph): JobGraph {
  const byId = new Map(streamGraph.nodes.map((n) => [n.id, n]));
  const headOf = new Map<number, number>();
  for (const node of streamGraph.nodes) {
    // Inputs come before their consumers in node order, so the input's head is known here.
    headOf.set(node.id, chainsToInput(node, byId) ? headOf.get(node.inputs[0]!.sourceId)! : node.id);
  }
  const heads = streamGraph.nodes.filter((n) => headOf.get(n.id) === n.id);
  const vertexOfHead = new Map(heads.map((h, i) => [h.id, i]));
  const vertexOf = (nodeId: number): number => vertexOfHead.get(headOf.get(nodeId)!)!;

  const edges: JobEdge[] = [];
  const chainedOutputs = heads.map(() => new Map<number, number[]>());
  for (const node of streamGraph.nodes) {
    chainedOutputs[vertexOf(node.id)]!.set(node.id, []);
  }
  for (const node of streamGraph.nodes) {
    for (const edge of node.inputs) {
      if (headOf.get(node.id) !== node.id) {
        chainedOutputs[vertexOf(node.id)]!.get(edge.sourceId)!.push(node.id);
        continue;
      }
      edges.push({
        id: edges.length,
        sourceVertex: vertexOf(edge.sourceId),
        targetVertex: vertexOf(node.id),
        sourceNodeId: edge.sourceId,
        targetNodeId: node.id,
        inputIndex: edge.inputIndex,
        partitioner: edge.partitioner,
        sideOutput: edge.sideOutput,
      });
    }
  }

  const vertices = heads.map((head, index): JobVertex => {
    const nodes = streamGraph.nodes.filter((n) => headOf.get(n.id) === head.id);
    return {
      id: index,
      name: nodes.map((n) => n.name).join(' -> '),
      parallelism: head.parallelism,
      maxParallelism: head.maxParallelism,
      nodes,
      chainedOutputs: chainedOutputs[index]!,
      inputs: edges.filter((e) => e.targetVertex === index),
      outputs: edges.filter((e) => e.sourceVertex === index),
    };
  });
  return { streamGraph, vertices, edges };
}
