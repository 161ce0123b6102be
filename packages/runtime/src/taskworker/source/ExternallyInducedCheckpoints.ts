import type { ExternallyInducedSourceReader } from '@dhara/core';
import type { StreamNode } from '@dhara/core/internal';
import { attributeTo } from '../../errors/index.ts';
import type { CheckpointBarrier } from '../../network/index.ts';

/** What the handshake acts on: the source operator. */
export interface InducedCheckpointTarget {
  /** The checkpoint's barrier goes out now, at the reader's current position. */
  performCheckpoint(barrier: CheckpointBarrier): void;
  /** Stop with savepoint: read nothing after the barrier that just went out. */
  stopWithoutDraining(): void;
}

/**
 * The handshake of an externally induced source reader (the reader, not the coordinator's trigger, decides where a
 * checkpoint's barrier goes — at a marker it reads in the external system). Two things must meet: the coordinator's
 * trigger for checkpoint n, and the reader reaching n's position (`shouldTriggerCheckpoint` after a poll). Whichever
 * comes first waits for the other: a trigger is kept until the reader gets there; a reader that gets there first
 * holds its input (no polling) until the trigger arrives. Then the barrier goes out, right at that position.
 */
export class ExternallyInducedCheckpoints {
  /** Triggers that arrived before the reader reached their position, by id. */
  private readonly untriggered = new Map<number, CheckpointBarrier>();
  /** Checkpoints aborted since the last completed one: their markers trigger nothing. */
  private readonly aborted = new Set<number>();
  /** The id whose position the reader reached before its trigger arrived. */
  private readerReached: number | undefined;
  /** Stop with savepoint: stop once this checkpoint's barrier is out. */
  private stopAfterCheckpoint: number | undefined;

  constructor(
    private readonly reader: ExternallyInducedSourceReader,
    private readonly node: StreamNode,
    private readonly target: InducedCheckpointTarget,
  ) {}

  /** The reader waits at a checkpoint's position for that checkpoint's trigger: no polling until it arrives. */
  get holdsReader(): boolean {
    return this.readerReached !== undefined;
  }

  /** The coordinator's trigger arrived: the barrier goes now if the reader is already there, else once it is. */
  triggerArrived(barrier: CheckpointBarrier): void {
    if (this.readerReached === barrier.checkpointId) {
      // The reader got there first and has been waiting for this trigger.
      this.readerReached = undefined;
      this.perform(barrier);
      return;
    }
    this.untriggered.set(barrier.checkpointId, barrier);
  }

  /** After each poll: did the reader reach a checkpoint's position? */
  checkReaderPosition(): void {
    const { reader, node } = this;
    const checkpointId = attributeTo(node.name, node.uid, () => reader.shouldTriggerCheckpoint());
    if (checkpointId === undefined) return;
    // The marker of a checkpoint the coordinator already gave up: nothing will trigger it; read on.
    if (this.aborted.has(checkpointId)) return;
    const barrier = this.untriggered.get(checkpointId);
    if (barrier !== undefined) {
      this.perform(barrier);
      return;
    }
    // Reader first: hold the input right here until the coordinator's trigger for this id arrives.
    this.readerReached = checkpointId;
  }

  /**
   * Stop with savepoint `checkpointId`, whose trigger just arrived: stop at once if its barrier is out already,
   * otherwise once it is.
   */
  stopWithSavepoint(checkpointId: number): void {
    if (this.readerReached === undefined && !this.untriggered.has(checkpointId)) {
      this.target.stopWithoutDraining();
    } else {
      this.stopAfterCheckpoint = checkpointId;
    }
  }

  notifyCheckpointComplete(checkpointId: number): void {
    for (const id of this.aborted) if (id <= checkpointId) this.aborted.delete(id);
  }

  /** The coordinator gave the checkpoint up: its trigger, and its marker when the reader reads it, are forgotten. */
  notifyCheckpointAborted(checkpointId: number): void {
    this.aborted.add(checkpointId);
    this.untriggered.delete(checkpointId);
    if (this.readerReached === checkpointId) this.readerReached = undefined;
  }

  private perform(barrier: CheckpointBarrier): void {
    // Everything older than this checkpoint can no longer be triggered.
    for (const id of [...this.untriggered.keys()]) if (id <= barrier.checkpointId) this.untriggered.delete(id);
    this.target.performCheckpoint(barrier);
    if (this.stopAfterCheckpoint === barrier.checkpointId) this.target.stopWithoutDraining();
  }
}
