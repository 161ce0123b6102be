import type { TaskMetricsSample } from '../metrics/index.ts';
import type { JobManagerToTask } from '../protocol/index.ts';
import type { TaskExecution } from './TaskExecution.ts';

/** The tasks of the job's current attempt; a new attempt starts with none. Messages go to tasks still running. */
export class TaskExecutions {
  private tasks: TaskExecution[] = [];

  get all(): readonly TaskExecution[] {
    return this.tasks;
  }

  /** A new attempt begins: the last attempt's tasks (all ended) are forgotten. */
  clear(): void {
    this.tasks = [];
  }

  add(task: TaskExecution): void {
    this.tasks.push(task);
  }

  every(predicate: (task: TaskExecution) => boolean): boolean {
    return this.tasks.every(predicate);
  }

  /** The latest metrics sample of each task that reported one. */
  metricsSamples(): TaskMetricsSample[] {
    return this.tasks.flatMap((t) => (t.metrics === undefined ? [] : [t.metrics]));
  }

  sendTo(vertexId: number, subtaskIndex: number, message: JobManagerToTask): void {
    const task = this.tasks.find((t) => t.vertexId === vertexId && t.subtaskIndex === subtaskIndex);
    if (task !== undefined && !task.isEnded) task.control.postMessage(message);
  }

  broadcast(message: JobManagerToTask): void {
    for (const task of this.tasks) if (!task.isEnded) task.control.postMessage(message);
  }

  /** The worker threads of the tasks that have not ended (undefined: a task not yet running). */
  threadsOfUnended(): Set<number | undefined> {
    return new Set(this.tasks.filter((t) => !t.isEnded).map((t) => t.threadId));
  }
}
