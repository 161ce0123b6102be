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
    this.access.noteTriggered(checkpointId);
    const attempt = this.access.attempt;
    const group = await this.access.readerGroup();
    const name = checkpointName(checkpointId);
    // A reader that joins after the group checkpoint started would never place this checkpoint's barrier.
    if (!(await this.access.awaitReaders(this.timeoutMs))) {
      throw new ReaderCheckpointError(
        this.access.name,
        checkpointId,
        new Error(`not every reader joined the group within ${this.timeoutMs} ms`),
      );
    }
    // A restart came meanwhile: this checkpoint belongs to the failed attempt; its group checkpoint must not start.
    if (this.access.attempt !== attempt) {
      throw new ReaderCheckpointError(this.access.name, checkpointId, new Error('a restart overtook it'));
    }
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

  async restoreCheckpoint(checkpointId: number, data: ReaderCheckpointData | undefined): Promise<void> {
    if (data === undefined) await this.access.resetToInitial();
    else await this.access.resetTo(checkpointId, data.checkpoint);
  }

  async reset(): Promise<void> {
    await this.access.resetToInitial();
  }

  async close(): Promise<void> {
    await this.access.close();
  }
}
