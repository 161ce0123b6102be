import { CheckpointStorage } from '../../checkpoint/index.ts';

/**
 * Flink's CheckpointsCleaner: deletes the folders of aborted, subsumed and dropped checkpoints in the background,
 * and knows which deletions are still in flight (a stopped coordinator waits for them: no stray folder after a
 * job's end; a restore scans the job's folder only after them).
 */
export class CheckpointsCleaner {
  private readonly removals = new Set<Promise<void>>();

  /** Deletes a checkpoint's folder; a failure to delete is ignored (the folder is garbage either way). */
  cleanCheckpoint(dir: string): void {
    const removal = CheckpointStorage.remove(dir).catch(() => {});
    this.removals.add(removal);
    void removal.finally(() => this.removals.delete(removal));
  }

  get hasRemovalsInFlight(): boolean {
    return this.removals.size > 0;
  }

  /** Resolves when the folders being deleted now are gone. */
  removalsSettled(): Promise<void> {
    return Promise.all([...this.removals]).then(() => undefined);
  }
}
