// The throughput benchmark suite (`dhara bench throughput`): engine pipelines and Nexmark-shaped queries on fresh
// MiniClusters, next to plain loops and the raw channel floor measured in the same run; a JSON file and a text
// report per run.
export { type BenchQuery, QUERIES, selectQueries } from './catalog.ts';
export { CORE_DEFINITION, type Figures, type Sample } from './measure.ts';
export { ThroughputCheckError } from './runJob.ts';
export {
  type FloorResult,
  type JobResult,
  type LoopResult,
  runThroughputSuite,
  type ThroughputOptions,
  type ThroughputReport,
} from './suite.ts';
export { throughputTextReport } from './textReport.ts';
