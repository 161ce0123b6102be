import type { JobGraph, JobVertex } from '@dhara/core/internal';
import {
  createChannelSelector,
  type FrameCodec,
  InputChannel,
  InputGate,
  OutputChannel,
  RecordWriter,
} from '../network/index.ts';
import type { TaskDeployment } from '../protocol/index.ts';

/**
 * A task's output side: a RecordWriter per output edge, each over an OutputChannel per consumer subtask and the
 * edge's partitioner. `loopTime` is the task loop's time, by which channels seal batches that waited too long.
 */
export function createRecordWriters(
  deployment: TaskDeployment,
  vertex: JobVertex,
  jobGraph: JobGraph,
  codec: FrameCodec,
  wake: () => void,
  loopTime: { readonly now: number },
): { writers: RecordWriter[]; channels: OutputChannel[] } {
  const { subtaskIndex, network } = deployment;
  const all: OutputChannel[] = [];
  const writers = deployment.outputs.map(({ edgeId, ports }) => {
    const edge = jobGraph.edges[edgeId]!;
    const channels = ports.map(
      (port) => new OutputChannel(port, codec, network.batchSize, network.creditsPerChannel, wake, loopTime),
    );
    all.push(...channels);
    const selector = createChannelSelector(edge.partitioner, {
      subtaskIndex,
      numChannels: channels.length,
      maxParallelism: vertex.maxParallelism,
      describe: vertex.name,
    });
    return new RecordWriter(edgeId, channels, selector);
  });
  return { writers, channels: all };
}

/** A task's input side: an InputChannel per producer subtask of every input edge, all in one gate. */
export function createInputGate(deployment: TaskDeployment, jobGraph: JobGraph, wake: () => void): InputGate {
  const channels: InputChannel[] = [];
  for (const { edgeId, ports } of deployment.inputs) {
    const { inputIndex } = jobGraph.edges[edgeId]!;
    for (const port of ports) {
      channels.push(new InputChannel(channels.length, inputIndex, port, deployment.network.creditsPerChannel, wake));
    }
  }
  return new InputGate(channels);
}
