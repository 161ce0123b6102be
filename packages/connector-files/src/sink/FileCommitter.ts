import { existsSync, renameSync } from 'node:fs';
import type { CommitRequest, Committer } from '@dhara/core';
import { PartFileMissingError } from './FileSinkErrors.ts';
import { type FileCommittable, partFileNames } from './partFileNames.ts';

/**
 * Commits part files by renaming each pending file to its final, visible name (Flink's `FileCommitter`). Idempotent:
 * a pending file that is gone while its final file exists was committed before (a re-commit after a restore).
 */
export class FileCommitter implements Committer<FileCommittable> {
  constructor(private readonly dir: string) {}

  commit(requests: readonly CommitRequest<FileCommittable>[]): void {
    for (const request of requests) {
      const pending = partFileNames.pendingPath(this.dir, request.committable);
      const final = partFileNames.finalPath(this.dir, request.committable);
      try {
        renameSync(pending, final);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(final)) {
          request.signalAlreadyCommitted();
        } else {
          request.signalFailedWithUnknownReason(new PartFileMissingError(pending, final, error));
        }
      }
    }
  }
}
