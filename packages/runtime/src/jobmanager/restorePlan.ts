import { DharaError } from '@dhara/core';
import type { JobGraph } from '@dhara/core/internal';
import type { CheckpointMetadata, RestoreSpec } from '../checkpoint/index.ts';

/** A checkpoint or savepoint that does not fit the job it should be restored into. */
export class IncompatibleStateError extends DharaError {
  constructor(location: string, reason: string) {
    super('INCOMPATIBLE_STATE', `cannot restore ${location}: ${reason}`);
  }
}

/**
 * Which stored files each new subtask restores from, by operator uid. A subtask whose vertex kept its parallelism
 * and operators gets its own file; otherwise every file that holds state of its operators (rescaling: keyed state
 * by key group, list state split evenly, union state to all). State of a uid the job no longer has is an error unless
 * `allowNonRestoredState`; a new operator starts empty; a changed maxParallelism is always an error.
 */
export function planRestore(
  graph: JobGraph,
  dir: string,
  metadata: CheckpointMetadata,
  allowNonRestoredState: boolean,
): Map<string, RestoreSpec> {
  const { maxParallelism } = graph.streamGraph;
  if (metadata.maxParallelism !== maxParallelism) {
    throw new IncompatibleStateError(
      dir,
      `it was taken with maxParallelism ${metadata.maxParallelism} and the job has ${maxParallelism}; keyed state is ` +
        'stored by key group, so the max parallelism of a job cannot change',
    );
  }
  const jobUids = new Set(graph.streamGraph.nodes.map((n) => n.uid));
  const storedUids = new Set([...metadata.tasks.flatMap((t) => t.operatorUids), ...Object.keys(metadata.coordinators)]);
  const orphans = [...storedUids].filter((uid) => !jobUids.has(uid));
  if (orphans.length > 0 && !allowNonRestoredState) {
    throw new IncompatibleStateError(
      dir,
      `it holds state of operator uid${orphans.length === 1 ? '' : 's'} ${orphans.map((u) => `'${u}'`).join(', ')}, ` +
        'which the job does not have; pass allowNonRestoredState to start without that state',
    );
  }
  const oldParallelism = new Map(metadata.vertices.map((v) => [v.id, v.parallelism]));
  const oldUids = new Map(metadata.vertices.map((v) => [v.id, v.uids.join('\u0000')]));
  const plan = new Map<string, RestoreSpec>();
  for (const vertex of graph.vertices) {
    const uids = new Set(vertex.nodes.map((n) => n.uid));
    const tasks = metadata.tasks.filter((t) => t.operatorUids.some((uid) => uids.has(uid)));
    if (tasks.length === 0) continue;
    const unchanged = tasks.every(
      (t) =>
        oldParallelism.get(t.vertexId) === vertex.parallelism &&
        oldUids.get(t.vertexId) === vertex.nodes.map((n) => n.uid).join('\u0000'),
    );
    for (let subtask = 0; subtask < vertex.parallelism; subtask++) {
      const files = (unchanged ? tasks.filter((t) => t.subtaskIndex === subtask) : tasks).map((t) => ({
        handle: t.handle,
        oldParallelism: oldParallelism.get(t.vertexId) ?? 0,
      }));
      if (files.length > 0) plan.set(`${vertex.id}/${subtask}`, { dir, files });
    }
  }
  return plan;
}
