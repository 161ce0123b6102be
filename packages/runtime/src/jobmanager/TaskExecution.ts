import type { MessagePort } from 'node:worker_threads';
import type { JobVertex } from '@dhara/core/internal';
import type { TaskMetricsSample } from '../metrics/index.ts';
import type { FailedOperator } from '../protocol/index.ts';
import type { TaskRef } from './checkpointing/index.ts';
import type { SubtaskPorts } from './deployTasks.ts';
import type { FailureOrigin } from './jobErrors.ts';

export type TaskState = 'DEPLOYING' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';

/** One subtask of one attempt, as the job manager tracks it (Flink's Execution). */
export class TaskExecution implements TaskRef {
  readonly vertex: JobVertex;
  readonly vertexId: number;
  readonly subtaskIndex: number;
  /** The job manager's end of the task's control channel. */
  readonly control: MessagePort;
  state: TaskState = 'DEPLOYING';
  threadId: number | undefined = undefined;
  metrics: TaskMetricsSample | undefined = undefined;
  /** The task's input ended; it waits for a checkpoint taken after that (the final checkpoint) before it finishes. */
  endOfData = false;

  constructor(
    ports: SubtaskPorts,
    readonly attempt: number,
  ) {
    this.vertex = ports.vertex;
    this.vertexId = ports.vertex.id;
    this.subtaskIndex = ports.subtaskIndex;
    this.control = ports.control[0];
  }

  get isEnded(): boolean {
    return this.state === 'FINISHED' || this.state === 'FAILED' || this.state === 'CANCELED';
  }

  /** `name (i/n)`, for mail descriptions. */
  get description(): string {
    return `${this.vertex.name} (${this.subtaskIndex + 1}/${this.vertex.parallelism})`;
  }

  /** Where the task's failure came from, for its JobFailedError. */
  failureOrigin(operator: FailedOperator | undefined): FailureOrigin {
    return {
      vertexName: this.vertex.name,
      operatorName: operator?.name,
      operatorUid: operator?.uid,
      subtaskIndex: this.subtaskIndex,
      parallelism: this.vertex.parallelism,
    };
  }

  /** The task's run is over: its control channel closes (what it still sends is dropped). */
  closeControl(): void {
    this.control.removeAllListeners('message');
    this.control.close();
  }
}
