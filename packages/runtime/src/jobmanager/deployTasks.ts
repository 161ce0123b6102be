import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { JobGraph, JobVertex } from '@dhara/core';

/** The ports of one subtask, before they are sent to its worker. */
export interface SubtaskPorts {
  readonly vertex: JobVertex;
  readonly subtaskIndex: number;
  /** The job manager keeps `control[0]`; the task gets `control[1]`. */
  readonly control: readonly [MessagePort, MessagePort];
  readonly inputs: { edgeId: number; ports: MessagePort[] }[];
  readonly outputs: { edgeId: number; ports: MessagePort[] }[];
}

/**
 * Creates every channel of a job: one MessageChannel per producer/consumer subtask pair of each edge (only i -> i on
 * forward edges), plus a control channel per subtask.
 */
export function createSubtaskPorts(graph: JobGraph): SubtaskPorts[][] {
  const byVertex = graph.vertices.map((vertex) =>
    Array.from({ length: vertex.parallelism }, (_, subtaskIndex): SubtaskPorts => {
      const { port1, port2 } = new MessageChannel();
      return {
        vertex,
        subtaskIndex,
        control: [port1, port2],
        inputs: vertex.inputs.map((e) => ({ edgeId: e.id, ports: [] })),
        outputs: vertex.outputs.map((e) => ({ edgeId: e.id, ports: [] })),
      };
    }),
  );
  for (const edge of graph.edges) {
    const producers = byVertex[edge.sourceVertex]!;
    const consumers = byVertex[edge.targetVertex]!;
    for (const producer of producers) {
      const out = producer.outputs.find((o) => o.edgeId === edge.id)!;
      for (const consumer of consumers) {
        if (edge.partitioner.kind === 'forward' && consumer.subtaskIndex !== producer.subtaskIndex) continue;
        const { port1, port2 } = new MessageChannel();
        out.ports.push(port1);
        consumer.inputs.find((i) => i.edgeId === edge.id)!.ports.push(port2);
      }
    }
  }
  return byVertex;
}
