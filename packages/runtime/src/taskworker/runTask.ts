import { buildStreamGraph, type StreamGraph, toJobGraph } from '@dhara/core/internal';
import { loadRestoredState } from '../checkpoint/index.ts';
import { OperatorError, serializeError } from '../errors/index.ts';
import { GraphMismatchError, loadJobModule } from '../jobmodule/index.ts';
import type { TaskDeployment, TaskOutcome } from '../protocol/index.ts';
import { refuseRescaledChannelState } from './checkpointing/index.ts';
import { Task } from './Task.ts';
import { TaskCancelledError } from './TaskCancelledError.ts';

/**
 * The piscina task that runs one deployed subtask for as long as it lives. The worker imports the job module and runs
 * `build` again to get the user's functions, checks the graph against the job manager's fingerprint, then runs the
 * task. The outcome goes out on the control port (after every other message of the task), and is also returned.
 */
export async function runTask(deployment: TaskDeployment): Promise<TaskOutcome> {
  let task: Task | undefined;
  let outcome: TaskOutcome;
  try {
    const graph = await buildInJobEnvironment(deployment);
    if (graph.fingerprint !== deployment.fingerprint) {
      throw new GraphMismatchError(deployment.jobName, deployment.outline, graph);
    }
    const jobGraph = toJobGraph(graph);
    const vertex = jobGraph.vertices[deployment.vertexId]!;
    if (deployment.restore !== undefined) {
      const name = `${vertex.name} (${deployment.subtaskIndex + 1}/${vertex.parallelism})`;
      await refuseRescaledChannelState(deployment.restore, vertex.parallelism, name);
    }
    const restored =
      deployment.restore === undefined
        ? undefined
        : await loadRestoredState(
            deployment.restore,
            vertex.id,
            deployment.subtaskIndex,
            vertex.parallelism,
            vertex.nodes.map((n) => n.uid),
          );
    task = new Task(deployment, jobGraph.vertices[deployment.vertexId]!, jobGraph, restored);
    await task.run();
    outcome = { status: 'finished', metrics: task.sample() };
  } catch (error) {
    outcome =
      error instanceof TaskCancelledError
        ? { status: 'canceled', metrics: task?.sample() }
        : error instanceof OperatorError
          ? {
              status: 'failed',
              error: serializeError(error.cause),
              operator: { name: error.operatorName, uid: error.operatorUid },
              metrics: task?.sample(),
            }
          : { status: 'failed', error: serializeError(error), operator: undefined, metrics: task?.sample() };
  } finally {
    task?.dispose();
  }
  deployment.control.postMessage({ type: 'outcome', outcome });
  return outcome;
}

/** Module loading and `build` of the tasks in this thread run one at a time, each under its own job's environment. */
let buildLock: Promise<unknown> = Promise.resolve();

function buildInJobEnvironment(deployment: TaskDeployment): Promise<StreamGraph> {
  const build = buildLock.then(async () => {
    for (const key of Object.keys(process.env)) if (!(key in deployment.env)) delete process.env[key];
    Object.assign(process.env, deployment.env);
    const job = await loadJobModule(deployment.modulePath, deployment.jobId);
    return buildStreamGraph(job, {
      defaultParallelism: deployment.defaultParallelism,
      ...(deployment.defaultCheckpointIntervalMs === undefined
        ? {}
        : { defaultCheckpointIntervalMs: deployment.defaultCheckpointIntervalMs }),
    });
  });
  buildLock = build.catch(() => {});
  return build;
}
