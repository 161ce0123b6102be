/** What a function learns about where it runs, in `open(context)`. */
export interface RuntimeContext {
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
