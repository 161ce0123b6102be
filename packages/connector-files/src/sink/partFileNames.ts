import path from 'node:path';

/** What the sink stores in a checkpoint for one part file: its bucket and final name, relative to the sink's dir. */
export interface FileCommittable {
  readonly bucket: string;
  readonly name: string;
}

/**
 * Part file names. Final: `<prefix>-<subtask>-<writer token>-<counter><suffix>`, where the token is random per
 * writer instance (so attempts and jobs never collide). In progress: `.<final>.inprogress`; pending (closed, waiting
 * for its checkpoint to complete): `.<final>.pending`. Both start with a dot: readers (the FileSource, Flink's
 * default filter, `ls`) skip them.
 */
export const partFileNames = {
  final: (prefix: string, subtask: number, token: string, counter: number, suffix: string): string =>
    `${prefix}-${subtask}-${token}-${counter}${suffix}`,
  inProgress: (finalName: string): string => `.${finalName}.inprogress`,
  pending: (finalName: string): string => `.${finalName}.pending`,
  pendingPath: (dir: string, c: FileCommittable): string => path.join(dir, c.bucket, `.${c.name}.pending`),
  finalPath: (dir: string, c: FileCommittable): string => path.join(dir, c.bucket, c.name),
  /**
   * Matches the in-progress files of one subtask's writers, whatever the token. Pending files are not matched: after a
   * rescale, another subtask may still have to commit a pending file that this subtask's index wrote.
   */
  inProgressOfSubtask: (prefix: string, subtask: number): RegExp =>
    new RegExp(`^\\.${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-${subtask}-[0-9a-f]{8}-\\d+.*\\.inprogress$`),
};
