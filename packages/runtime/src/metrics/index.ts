export { type JobMetrics, summarizeJobMetrics, type VertexMetrics } from './JobMetrics.ts';
export { TaskMetrics, type TaskMetricsSample } from './TaskMetrics.ts';
