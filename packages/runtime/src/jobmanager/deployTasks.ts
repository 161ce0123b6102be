import { MessageChannel, type MessagePort, type Transferable } from 'node:worker_threads';
import type { JobGraph, JobVertex } from '@dhara/core/internal';
import type { RestoreSpec } from '../checkpoint/index.ts';
import type { TaskDeployment } from '../protocol/index.ts';
import type { JobExecutionOptions } from './JobExecutionOptions.ts';

/** Starts a task in a worker thread; the promise settles when the task's run ends (rejects if its thread died). */
export interface TaskLauncher {
  launch(deployment: TaskDeployment, transferList: Transferable[]): Promise<unknown>;
  terminateThread(threadId: number): Promise<void>;
}

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

/**
 * What one subtask of an attempt is deployed with (Flink's TaskDeploymentDescriptor), and the ports that travel with
 * it to its worker: the task's end of its control channel and its input and output channels.
 */
export function createTaskDeployment(
  graph: JobGraph,
  options: JobExecutionOptions,
  ports: SubtaskPorts,
  attempt: number,
  restore: RestoreSpec | undefined,
): { deployment: TaskDeployment; transferList: Transferable[] } {
  const { streamGraph } = graph;
  const taskControl = ports.control[1];
  const deployment: TaskDeployment = {
    jobId: options.jobId,
    jobName: streamGraph.jobName,
    modulePath: options.modulePath,
    defaultParallelism: options.defaultParallelism,
    defaultCheckpointIntervalMs: options.defaultCheckpointIntervalMs,
    env: options.env,
    fingerprint: streamGraph.fingerprint,
    outline: streamGraph.outline,
    vertexId: ports.vertex.id,
    subtaskIndex: ports.subtaskIndex,
    attemptNumber: attempt,
    network: options.network,
    checkpointConfig: streamGraph.checkpointConfig,
    checkpointDir: options.checkpointDir,
    restore,
    faults: options.faults,
    metricsIntervalMs: options.metricsIntervalMs,
    control: taskControl,
    inputs: ports.inputs,
    outputs: ports.outputs,
  };
  const transferList: Transferable[] = [
    taskControl,
    ...ports.inputs.flatMap((i) => i.ports),
    ...ports.outputs.flatMap((o) => o.ports),
  ];
  return { deployment, transferList };
}
