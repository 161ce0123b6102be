import { DharaError } from '@dhara/core';

/**
 * Where in checkpoint n a fault fires: the task's synchronous or asynchronous snapshot, on the completion notice
 * (before any operator hears of it), or in a committing sink right after it committed checkpoint n's committables
 * (before it forgets them), so the restart commits them again.
 */
export type CheckpointPhase = 'sync' | 'async' | 'notify-complete' | 'commit';

/**
 * A failure to inject into a running job, for tests and benchmarks: at a chosen operator subtask, on a chosen
 * attempt only (the first by default), after a number of records or at a phase of a checkpoint.
 */
export interface FaultSpec {
  /** The operator's uid (a source's uid for source faults). */
  readonly operatorUid: string;
  /** Default 0. */
  readonly subtaskIndex?: number;
  /** The job attempt it fires in: 0 is the first run; restarts count up. Default 0. */
  readonly attempt?: number;
  readonly at: { readonly records: number } | { readonly checkpoint: number; readonly phase: CheckpointPhase };
  /** 'throw' fails the task with an InjectedFailure; 'exit-worker' ends the whole worker thread, like a crash. */
  readonly action: 'throw' | 'exit-worker';
}

export class InjectedFailure extends DharaError {
  constructor(where: string) {
    super('INJECTED_FAILURE', `injected failure ${where}`);
  }
}
