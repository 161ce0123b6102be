import type { MasterTriggerRestoreHook } from '@dhara/core';
import { isExternallyInducedSource, type JobGraph } from '@dhara/core/internal';
import { type CheckpointMetadata, decodeState } from '../../checkpoint/index.ts';

/**
 * The job's master hooks (as Flink's MasterHooks utilities): one per externally induced source, run on the job
 * manager around each checkpoint and restore.
 */
export function createMasterHooks(graph: JobGraph): MasterTriggerRestoreHook<unknown>[] {
  const hooks: MasterTriggerRestoreHook<unknown>[] = [];
  for (const vertex of graph.vertices) {
    const head = vertex.nodes[0]!;
    if (head.spec.kind === 'source' && isExternallyInducedSource(head.spec.source)) {
      hooks.push(head.spec.source.createMasterHook());
    }
  }
  return hooks;
}

/** Starts a hook's part of a checkpoint; a hook that throws rejects the promise rather than the caller. */
export function triggerMasterHook(
  hook: MasterTriggerRestoreHook<unknown>,
  checkpointId: number,
  timestamp: number,
): Promise<unknown> {
  return Promise.resolve().then(() => hook.triggerCheckpoint(checkpointId, timestamp));
}

/**
 * Brings every hook back to a checkpoint, with the data it stored then (a Pravega reader group to its reader-group
 * checkpoint), or resets each one when the job starts over without a checkpoint.
 */
export function restoreMasterHooks(
  hooks: readonly MasterTriggerRestoreHook<unknown>[],
  checkpoint: CheckpointMetadata | undefined,
): Promise<unknown> {
  return Promise.all(
    hooks.map((hook) => {
      if (checkpoint === undefined) return hook.reset?.();
      const data = checkpoint.hooks[hook.identifier];
      return hook.restoreCheckpoint(checkpoint.checkpointId, data === undefined ? undefined : decodeState(data));
    }),
  );
}

export function closeMasterHooks(hooks: readonly MasterTriggerRestoreHook<unknown>[]): void {
  for (const hook of hooks) void hook.close?.();
}
