import { type CheckpointMetadata, CheckpointStorage } from '../checkpoint/index.ts';

export interface RestorableCheckpoint {
  readonly dir: string;
  readonly metadata: CheckpointMetadata;
}

/**
 * The newest completed checkpoint on disk whose `_metadata` and state files all pass their checks; each refused one
 * is reported with its reason. Undefined when the job has no completed checkpoint (it restarts from the beginning);
 * an error when it has some but none is usable, since starting over would silently replay everything.
 */
export async function findRestorableCheckpoint(
  storage: CheckpointStorage,
  onRefused: (dir: string, reason: string) => void,
): Promise<RestorableCheckpoint | undefined> {
  const candidates = await storage.completedCheckpointDirs();
  const reasons: string[] = [];
  for (const { dir } of candidates) {
    try {
      return { dir, metadata: await CheckpointStorage.readMetadata(dir) };
    } catch (error) {
      const reason = (error as Error).message;
      reasons.push(reason);
      onRefused(dir, reason);
    }
  }
  if (candidates.length > 0) {
    throw new Error(`no usable checkpoint among ${candidates.length}: ${reasons.join('; ')}`);
  }
  return undefined;
}
