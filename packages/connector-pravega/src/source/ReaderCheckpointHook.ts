import type { MasterTriggerRestoreHook } from '@dhara/core';
import { ReaderCheckpointError } from '../errors/index.ts';
import { checkpointName } from './checkpointName.ts';
import type { ReaderGroupAccess } from './ReaderGroupAccess.ts';

/** The hook's data in an engine checkpoint: the reader-group checkpoint, serialised (`Checkpoint.toText`). */
export interface ReaderCheckpointData {
  readonly name: string;
  readonly checkpoint: string;
}

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/**
 * Upstream's ReaderCheckpointHook: each engine checkpoint starts a reader-group checkpoint named after it (its
 * markers make the readers trigger the barrier) and stores the completed reader-group checkpoint; a restore resets
 * the reader group to it, a restart without a checkpoint to the initial configuration.
 */
export class ReaderCheckpointHook implements MasterTriggerRestoreHook<ReaderCheckpointData> {
  readonly identifier: string;

  constructor(
    private readonly access: ReaderGroupAccess,
    private readonly timeoutMs: number,
  ) {
    this.identifier = `pravega-reader-group-${access.name}`;
  }

  async triggerCheckpoint(checkpointId: number): Promise<ReaderCheckpointData> {
    const group = await this.access.readerGroup();
    const name = checkpointName(checkpointId);
    try {
      const checkpoint = await group.initiateCheckpoint(name, { timeoutMs: this.timeoutMs });
      return { name, checkpoint: checkpoint.toText() };
    } catch (error) {
      // Too many outstanding or timed out: cancel what is outstanding so readers do not wait on markers of
      // checkpoints the engine has given up; this engine checkpoint is declined.
      if (codeOf(error) === 'MAX_CHECKPOINTS_EXCEEDED' || codeOf(error) === 'TIMEOUT') {
        await group.cancelOutstandingCheckpoints().catch(() => {});
      }
      throw new ReaderCheckpointError(this.access.name, checkpointId, error);
    }
  }

  async restoreCheckpoint(_checkpointId: number, data: ReaderCheckpointData | undefined): Promise<void> {
    if (data === undefined) await this.access.resetToInitial();
    else await this.access.resetTo(data.checkpoint);
  }

  async reset(): Promise<void> {
    await this.access.resetToInitial();
  }

  async close(): Promise<void> {
    await this.access.close();
  }
}
