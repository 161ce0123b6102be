import type { JobGraph } from '@dhara/core/internal';
import type { RestoreSpec } from '../checkpoint/index.ts';
import type { Mailbox } from '../mailbox/index.ts';
import type { TaskOutcome, TaskToJobManager } from '../protocol/index.ts';
import { createSubtaskPorts, createTaskDeployment, type SubtaskPorts, type TaskLauncher } from './deployTasks.ts';
import type { JobExecutionOptions } from './JobExecutionOptions.ts';
import type { JobTimers } from './JobTimers.ts';
import { TaskExecution } from './TaskExecution.ts';
import type { TaskExecutions } from './TaskExecutions.ts';

/** How long to wait for a task's outcome message once its piscina run has returned (the two travel separately). */
const OUTCOME_GRACE_MS = 250;

/** What becomes of a deployed task; each call runs as mail on the job manager. */
export interface DeployedTaskListener {
  onTaskMessage(task: TaskExecution, message: TaskToJobManager): void;
  /** The task's run ended with this outcome (its own outcome message, if it came first, wins). */
  onTaskEnded(task: TaskExecution, outcome: TaskOutcome): void;
  /** The task's worker thread died. */
  onTaskLost(task: TaskExecution, error: unknown): void;
}

/**
 * Deploys the tasks of an attempt (as Flink's ExecutionDeployer): creates the job's channels, a TaskExecution per
 * subtask, wires its control channel to the job manager's mailbox, and launches it on a worker thread.
 */
export class ExecutionDeployer {
  constructor(
    private readonly graph: JobGraph,
    private readonly options: JobExecutionOptions,
    private readonly mailbox: Mailbox,
    private readonly launcher: TaskLauncher,
    private readonly timers: JobTimers,
    private readonly listener: DeployedTaskListener,
  ) {}

  /** Deploys every subtask of the job as attempt `attempt` into `tasks`, each with its state from `plan`. */
  deployAll(attempt: number, plan: ReadonlyMap<string, RestoreSpec>, tasks: TaskExecutions): void {
    for (const subtasks of createSubtaskPorts(this.graph)) {
      for (const ports of subtasks) {
        const task = new TaskExecution(ports, attempt);
        tasks.add(task);
        this.launch(task, ports, plan.get(`${ports.vertex.id}/${ports.subtaskIndex}`));
      }
    }
  }

  private launch(task: TaskExecution, ports: SubtaskPorts, restore: RestoreSpec | undefined): void {
    task.control.on('message', (message: TaskToJobManager) =>
      this.mailbox.send(() => this.listener.onTaskMessage(task, message), `${message.type} from ${task.description}`),
    );
    const { deployment, transferList } = createTaskDeployment(this.graph, this.options, ports, task.attempt, restore);
    this.mailbox.whenDone(
      this.launcher.launch(deployment, transferList),
      (returned, error) => {
        if (error !== undefined) this.listener.onTaskLost(task, error);
        else this.timers.after(OUTCOME_GRACE_MS, () => this.listener.onTaskEnded(task, returned as TaskOutcome));
      },
      `run of ${task.description} ended`,
    );
  }
}
