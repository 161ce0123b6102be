import { type Dirent, readdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { partFileNames } from './partFileNames.ts';

/**
 * Deletes the in-progress part files that writers with this subtask's index left in `dir` and its buckets on an
 * earlier attempt: no checkpoint ever refers to an in-progress file, and this attempt's writers have not started.
 * Pending files are left alone: after a rescale (savepoints), the committable of a pending file may have gone to
 * another subtask that has not committed it yet. A pending file whose checkpoint never completed therefore stays
 * behind, hidden (readers never see dot-files).
 */
export function cleanupLeftovers(dir: string, prefix: string, subtask: number): number {
  const hidden = partFileNames.inProgressOfSubtask(prefix, subtask);
  let removed = 0;
  const visit = (current: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (hidden.test(entry.name)) {
        unlinkSync(full);
        removed++;
      }
    }
  };
  visit(dir);
  return removed;
}
