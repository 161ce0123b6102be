// The plan: the stream graph that \`build\` declares (built by the GraphBuilder), its fingerprint, and the job graph of
// chained vertices that the runtime deploys. For the runtime; a job author never sees these.
export { fingerprintOf, hash32, outlineOf } from './fingerprint.ts';
export { GraphBuilder, type StreamEnd } from './GraphBuilder.ts';
export { type JobEdge, type JobGraph, type JobVertex, toJobGraph } from './JobGraph.ts';
export type { OperatorKind, OperatorSpec, PartitionerKind, PartitionerSpec } from './OperatorSpec.ts';
export { outgoingEdges, type StreamEdge, type StreamGraph, type StreamNode } from './StreamGraph.ts';
