import { StreamEnvironment } from '../environment/index.ts';
import type { StreamGraph } from '../graph/index.ts';
import type { JobDefinition } from './defineJob.ts';

/** Runs a job's `build` in a fresh environment and resolves the graph it declared. */
export function buildStreamGraph(job: JobDefinition, options: { defaultParallelism: number }): StreamGraph {
  const env = new StreamEnvironment({ jobName: job.name, defaultParallelism: options.defaultParallelism });
  job.build(env);
  return env.toStreamGraph();
}
