import { threadId } from 'node:worker_threads';
import { type CheckpointPhase, type FaultSpec, InjectedFailure } from './FaultSpec.ts';

/** The faults of one subtask, checked at the points where they can fire. */
export class FaultInjector {
  private readonly byUid = new Map<string, FaultSpec[]>();
  private readonly counts = new Map<string, number>();

  constructor(faults: readonly FaultSpec[], subtaskIndex: number, attempt: number) {
    for (const fault of faults) {
      if ((fault.subtaskIndex ?? 0) !== subtaskIndex || (fault.attempt ?? 0) !== attempt) continue;
      this.byUid.set(fault.operatorUid, [...(this.byUid.get(fault.operatorUid) ?? []), fault]);
    }
  }

  get isEmpty(): boolean {
    return this.byUid.size === 0;
  }

  /** Whether this operator has record-count faults (so the chain only counts where needed). */
  countsRecords(uid: string): boolean {
    return (this.byUid.get(uid) ?? []).some((f) => 'records' in f.at);
  }

  /** Counts one record into the operator; fires a fault due at this count. */
  onRecord(uid: string): void {
    const count = (this.counts.get(uid) ?? 0) + 1;
    this.counts.set(uid, count);
    for (const fault of this.byUid.get(uid) ?? []) {
      if ('records' in fault.at && fault.at.records === count)
        fire(fault, `in operator '${uid}' after ${count} records`);
    }
  }

  /** Fires a fault due at this checkpoint phase of any operator of the task. */
  onCheckpoint(uids: readonly string[], checkpointId: number, phase: CheckpointPhase): void {
    for (const uid of uids) {
      for (const fault of this.byUid.get(uid) ?? []) {
        if ('checkpoint' in fault.at && fault.at.checkpoint === checkpointId && fault.at.phase === phase) {
          fire(fault, `in operator '${uid}' during the ${phase} phase of checkpoint ${checkpointId}`);
        }
      }
    }
  }
}

function fire(fault: FaultSpec, where: string): void {
  if (fault.action === 'exit-worker') {
    // In a worker thread, process.exit ends just this thread: as if the task manager crashed.
    console.error(`dhara: injected worker exit ${where} (thread ${threadId})`);
    process.exit(1);
  }
  throw new InjectedFailure(where);
}
