/** What a sink writer learns about where it runs. */
export interface SinkInitContext {
  readonly jobName: string;
  readonly operatorUid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** 0 for the first run; counts up with every restart. */
  readonly attemptNumber: number;
}

/** The context of one `write`. */
export interface SinkWriteContext {
  readonly timestamp: number | undefined;
  readonly currentWatermark: number;
}

/**
 * Writes a subtask's elements somewhere. Each method may return a promise: the task waits for it before it hands
 * the writer anything else, so a writer sees its calls one at a time, in order.
 */
export interface SinkWriter<T> {
  write(element: T, context: SinkWriteContext): void | Promise<void>;
  /** Called before each checkpoint and at the end of input (`endOfInput` true). */
  flush(endOfInput: boolean): void | Promise<void>;
  close(): void | Promise<void>;
}

/** A sink: a factory of one writer per subtask. A plain object literal with `createWriter` is a valid sink. */
export interface Sink<T> {
  createWriter(context: SinkInitContext): SinkWriter<T> | Promise<SinkWriter<T>>;
  /**
   * How long the sink's external transactions live before the external system aborts them (Kafka's
   * `transaction.timeout.ms`). A job whose checkpoint interval + checkpoint timeout exceeds it is refused at submit,
   * since a pre-committed transaction could expire before its checkpoint completes. Omit when nothing expires.
   */
  readonly transactionTimeoutMs?: number;
}
