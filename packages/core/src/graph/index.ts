export { fingerprintOf, hash32, outlineOf } from './fingerprint.ts';
export { type JobEdge, type JobGraph, type JobVertex, toJobGraph } from './JobGraph.ts';
export type { OperatorKind, OperatorSpec, PartitionerKind, PartitionerSpec } from './OperatorSpec.ts';
export { outgoingEdges, type StreamEdge, type StreamGraph, type StreamNode } from './StreamGraph.ts';
