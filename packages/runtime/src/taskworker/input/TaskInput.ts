/** What one step of the task's default action found. */
export type StepResult = 'progress' | 'idle' | 'ended';

/** The default action's input: a source operator's reader, or the network input gate. */
export interface TaskInput {
  start(): void;
  step(): StepResult;
  /** Takes a priority (unaligned) barrier, which must not wait while output is backpressured; false if none. */
  stepUrgent?(): boolean;
  stop(): void;
}
