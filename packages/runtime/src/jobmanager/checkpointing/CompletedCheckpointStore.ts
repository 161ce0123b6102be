import type { CheckpointMetadata } from '../../checkpoint/index.ts';
import type { CheckpointsCleaner } from './CheckpointsCleaner.ts';

/** A checkpoint that completed, as kept in memory. */
export interface CompletedCheckpoint {
  readonly id: number;
  readonly dir: string;
  readonly metadata: CheckpointMetadata;
}

/**
 * Flink's (standalone) CompletedCheckpointStore: the completed checkpoints kept, newest last. Adding one beyond
 * `retained` hands the oldest to the cleaner (savepoints are never added: they are not retained checkpoints).
 */
export class CompletedCheckpointStore {
  private readonly completed: CompletedCheckpoint[] = [];

  constructor(
    private readonly retained: number,
    private readonly cleaner: CheckpointsCleaner,
  ) {}

  get latest(): CompletedCheckpoint | undefined {
    return this.completed.at(-1);
  }

  add(checkpoint: CompletedCheckpoint): void {
    this.completed.push(checkpoint);
  }

  /** Drops (and deletes) the oldest checkpoints beyond `retained`. */
  subsumeOldest(): void {
    while (this.completed.length > this.retained) {
      const removed = this.completed.shift()!;
      this.cleaner.cleanCheckpoint(removed.dir);
    }
  }
}
