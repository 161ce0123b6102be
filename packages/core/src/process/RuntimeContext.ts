import type { OperatorStateStore } from '../state/index.ts';

/** What a function learns about where it runs, in `open(context)`, and its operator state. */
export interface RuntimeContext extends OperatorStateStore {
  readonly jobName: string;
  /** The operator's uid (given with `.uid()`, else derived from its position in the graph). */
  readonly operatorUid: string;
  readonly operatorName: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** 0 for the first run of a job; counts up with every restart. */
  readonly attemptNumber: number;
}
