import type { OperatorSnapshot, TaskSnapshot } from './formats.ts';

/** One old subtask's part of an operator's state, with where it came from. */
export interface StatePiece {
  readonly oldSubtaskIndex: number;
  readonly oldParallelism: number;
  readonly snapshot: OperatorSnapshot;
}

/** Contiguous share `index` of `parts` of a list (Flink splits operator list state evenly on rescale). */
function share<T>(items: readonly T[], index: number, parts: number): T[] {
  return items.slice(Math.floor((index * items.length) / parts), Math.floor(((index + 1) * items.length) / parts));
}

/**
 * The state of one operator for new subtask `index` of `parallelism`, from the pieces the old subtasks stored:
 * keyed state and timers keep every key group (the operator keeps the groups it owns now); list state goes to the
 * same subtask when the parallelism is unchanged, else all old lists are concatenated in subtask order and split
 * evenly; union state is concatenated whole for every subtask.
 */
export function assembleOperatorState(
  pieces: readonly StatePiece[],
  index: number,
  parallelism: number,
): OperatorSnapshot | undefined {
  if (pieces.length === 0) return undefined;
  const ordered = [...pieces].sort((a, b) => a.oldSubtaskIndex - b.oldSubtaskIndex);
  const unchanged = ordered.every((p) => p.oldParallelism === parallelism);

  const keyGroups: NonNullable<OperatorSnapshot['keyGroups']> = {};
  for (const piece of ordered) Object.assign(keyGroups, piece.snapshot.keyGroups ?? {});

  const listNames = new Set(ordered.flatMap((p) => Object.keys(p.snapshot.listState ?? {})));
  const listState: Record<string, unknown[]> = {};
  for (const name of listNames) {
    if (unchanged) {
      listState[name] = [...(ordered.find((p) => p.oldSubtaskIndex === index)?.snapshot.listState?.[name] ?? [])];
    } else {
      listState[name] = share(
        ordered.flatMap((p) => p.snapshot.listState?.[name] ?? []),
        index,
        parallelism,
      );
    }
  }

  const unionNames = new Set(ordered.flatMap((p) => Object.keys(p.snapshot.unionState ?? {})));
  const unionState: Record<string, unknown[]> = {};
  for (const name of unionNames) unionState[name] = ordered.flatMap((p) => p.snapshot.unionState?.[name] ?? []);

  return {
    ...(Object.keys(keyGroups).length > 0 ? { keyGroups } : {}),
    ...(listNames.size > 0 ? { listState } : {}),
    ...(unionNames.size > 0 ? { unionState } : {}),
  };
}

/** A new subtask's TaskSnapshot from the old task snapshots that hold state of its operators. */
export function assembleTaskState(
  vertexId: number,
  subtaskIndex: number,
  parallelism: number,
  uids: readonly string[],
  oldTasks: readonly { readonly snapshot: TaskSnapshot; readonly oldParallelism: number }[],
): TaskSnapshot {
  for (const { snapshot } of oldTasks) {
    // In-flight data belongs to the channels of one topology: it cannot be split over another (FLIP-76 too).
    const channels = snapshot.channelState;
    const holds = (frames: Record<number, Uint8Array[]>): boolean => Object.values(frames).some((f) => f.length > 0);
    if (channels !== undefined && (holds(channels.inputs) || holds(channels.outputs))) {
      throw new Error(
        `subtask ${snapshot.subtaskIndex + 1} of task ${snapshot.vertexId} stored in-flight data (an unaligned ` +
          'checkpoint); it cannot be restored with another parallelism: take a savepoint (always aligned) to rescale',
      );
    }
  }
  const operators: Record<string, OperatorSnapshot> = {};
  for (const uid of uids) {
    const pieces: StatePiece[] = [];
    for (const { snapshot, oldParallelism } of oldTasks) {
      const state = snapshot.operators[uid];
      if (state !== undefined) pieces.push({ oldSubtaskIndex: snapshot.subtaskIndex, oldParallelism, snapshot: state });
    }
    const assembled = assembleOperatorState(pieces, subtaskIndex, parallelism);
    if (assembled !== undefined) operators[uid] = assembled;
  }
  return { vertexId, subtaskIndex, operators };
}
