import type { SerializedError } from '../errors/index.ts';
import type { TaskMetricsSample } from '../metrics/index.ts';

/** Task -> job manager, on the task's control port. */
export type TaskToJobManager =
  | { readonly type: 'running'; readonly threadId: number }
  | { readonly type: 'metrics'; readonly sample: TaskMetricsSample }
  | { readonly type: 'splitRequest' }
  | { readonly type: 'sourceEvent'; readonly event: unknown }
  | { readonly type: 'collect'; readonly name: string; readonly values: unknown[] }
  | { readonly type: 'outcome'; readonly outcome: TaskOutcome };

/** Job manager -> task. */
export type JobManagerToTask =
  | { readonly type: 'cancel' }
  | { readonly type: 'addSplits'; readonly splits: unknown[] }
  | { readonly type: 'noMoreSplits' }
  | { readonly type: 'sourceEvent'; readonly event: unknown };

/** The operator a failure came from, when the task could tell. */
export interface FailedOperator {
  readonly name: string;
  readonly uid: string;
}

/** How a task ended: its last control message. A dead worker shows up as a rejected piscina run instead. */
export type TaskOutcome =
  | { readonly status: 'finished'; readonly metrics: TaskMetricsSample }
  | { readonly status: 'canceled'; readonly metrics: TaskMetricsSample | undefined }
  | {
      readonly status: 'failed';
      readonly error: SerializedError;
      readonly operator: FailedOperator | undefined;
      readonly metrics: TaskMetricsSample | undefined;
    };
