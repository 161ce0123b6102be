import { StreamEnvironment } from '../environment/index.ts';
import type { StreamGraph } from '../graph/index.ts';
import type { JobDefinition } from './defineJob.ts';

/**
 * Runs a job's `build` in a fresh environment and resolves the graph it declared. `defaultCheckpointIntervalMs` (the
 * CLI's --checkpoint-interval) turns checkpointing on before `build` runs; `build` may still change it.
 */
export function buildStreamGraph(
  job: JobDefinition,
  options: { defaultParallelism: number; defaultCheckpointIntervalMs?: number },
): StreamGraph {
  const env = new StreamEnvironment({ jobName: job.name, defaultParallelism: options.defaultParallelism });
  if (options.defaultCheckpointIntervalMs !== undefined) env.enableCheckpointing(options.defaultCheckpointIntervalMs);
  job.build(env);
  return env.toStreamGraph();
}
