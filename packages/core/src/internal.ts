// @dhara/core/internal: the plan the runtime needs, and the checks it runs on a job. For the runtime; not stable:
// job and connector authors use the root door ('@dhara/core').

// What the runtime asks of sinks and sources before and while it runs them.
export { isExternallyInducedReader, isExternallyInducedSource } from './checkpoint/index.ts';
// The stream graph that a job's `build` declares, and how it is built and fingerprinted.
// The job graph: the stream graph chained into the vertices the runtime deploys.
export {
  fingerprintOf,
  GraphBuilder,
  hash32,
  type JobEdge,
  type JobGraph,
  type JobVertex,
  type OperatorKind,
  type OperatorSpec,
  outgoingEdges,
  outlineOf,
  type PartitionerKind,
  type PartitionerSpec,
  type StreamEdge,
  type StreamEnd,
  type StreamGraph,
  type StreamNode,
  toJobGraph,
} from './graph/index.ts';

// Loading a job module and running its `build`.
export { buildStreamGraph, isJobDefinition } from './job/index.ts';
export { checkTransactionTimeout, isTwoPhaseCommittingSink } from './sink/index.ts';
export type { WindowFunctionSpec } from './windowing/index.ts';
