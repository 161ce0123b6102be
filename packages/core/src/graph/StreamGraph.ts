import type { CheckpointConfig, RestartStrategy } from '../checkpoint/index.ts';
import type { OperatorSpec, PartitionerSpec } from './OperatorSpec.ts';

/** An edge of the stream graph: records of `sourceId` (or of one of its side outputs) flow into `targetId`. */
export interface StreamEdge {
  readonly sourceId: number;
  readonly targetId: number;
  /** 0 for one-input operators; 0 or 1 for the two inputs of a connected stream. */
  readonly inputIndex: 0 | 1;
  readonly partitioner: PartitionerSpec;
  /** Set when the edge carries a side output of the source operator rather than its main output. */
  readonly sideOutput: string | undefined;
}

/** One operator of the stream graph, with everything resolved. */
export interface StreamNode {
  /** The operator's position in the graph, in the order `build` created it. */
  readonly id: number;
  /** Given with `.uid()`, else derived from the position; state is bound to it. */
  readonly uid: string;
  readonly name: string;
  readonly spec: OperatorSpec;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly chainable: boolean;
  readonly inputs: readonly StreamEdge[];
}

export interface StreamGraph {
  readonly jobName: string;
  readonly maxParallelism: number;
  /** How often periodic watermark generators emit (Flink's auto-watermark interval). */
  readonly autoWatermarkIntervalMs: number;
  /** Checkpointing is on when `checkpointConfig.intervalMs` > 0. */
  readonly checkpointConfig: CheckpointConfig;
  readonly restartStrategy: RestartStrategy;
  readonly runtimeMode: 'streaming' | 'batch';
  readonly nodes: readonly StreamNode[];
  /**
   * A hash of the graph's shape (operators, kinds, uids, names, parallelism, chaining, edges): equal graphs built in
   * two threads have equal fingerprints. Function bodies are not part of it (see `outlineOf`).
   */
  readonly fingerprint: string;
  /** One line per node, as hashed into the fingerprint; used to name the first difference. */
  readonly outline: readonly string[];
}

export function outgoingEdges(graph: StreamGraph, nodeId: number): StreamEdge[] {
  const edges: StreamEdge[] = [];
  for (const node of graph.nodes) {
    for (const edge of node.inputs) if (edge.sourceId === nodeId) edges.push(edge);
  }
  return edges;
}
