import path from 'node:path';
import {
  CheckpointStorage,
  encodeState,
  type OperatorSnapshot,
  SOURCE_SPLITS_STATE,
  type TaskSnapshot,
} from '../../checkpoint/index.ts';
import type { FaultInjector } from '../../faults/index.ts';
import type { CheckpointBarrier, FrameCodec, OutputChannel } from '../../network/index.ts';
import type { TaskToJobManager } from '../../protocol/index.ts';
import type { OperatorChain } from '../OperatorChain.ts';

export interface CheckpointerContext {
  readonly vertexId: number;
  readonly subtaskIndex: number;
  readonly jobCheckpointDir: string;
  readonly chain: OperatorChain;
  readonly channels: readonly OutputChannel[];
  readonly codec: FrameCodec;
  /** A source task's reader splits with their positions, stored under the source's uid. */
  readonly source: { readonly uid: string; readonly snapshotSplits: (checkpointId: number) => unknown[] } | undefined;
  readonly faults: FaultInjector;
  readonly operatorUids: readonly string[];
  readonly send: (message: TaskToJobManager) => void;
  /** Fails the task from outside its loop (an injected fault in the async phase). */
  readonly failTask: (error: unknown) => void;
}

/**
 * Takes a subtask's part of a checkpoint once its barrier is complete: lets operators emit what precedes the barrier,
 * forwards the barrier on every output channel, copies the state (the synchronous part, encoded at once so the task
 * can go on changing it), then writes and fsyncs the file off the mailbox (the asynchronous part) and acknowledges
 * with the file's handle — or declines.
 */
export class TaskCheckpointer {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly context: CheckpointerContext) {}

  /** Resolves once every asynchronous part in flight has acknowledged or declined (a task ends only after that). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  perform(barrier: CheckpointBarrier, alignmentMs: number, startDelayMs: number): void {
    const { chain, channels, codec, source, faults, operatorUids, vertexId, subtaskIndex } = this.context;
    const { checkpointId } = barrier;
    const syncStart = performance.now();
    chain.prepareSnapshotPreBarrier(checkpointId);
    const barrierFrame = codec.encodeBarrier(barrier);
    for (const channel of channels) channel.sendEvent(barrierFrame.slice());

    const operators: Record<string, OperatorSnapshot> = chain.snapshotState(checkpointId);
    if (source !== undefined) {
      operators[source.uid] = { listState: { [SOURCE_SPLITS_STATE]: source.snapshotSplits(checkpointId) } };
    }
    faults.onCheckpoint(operatorUids, checkpointId, 'sync');
    const snapshot: TaskSnapshot = { vertexId, subtaskIndex, operators };
    const bytes = encodeState(snapshot);
    const syncDurationMs = performance.now() - syncStart;

    const asyncStart = performance.now();
    const dir = path.join(this.context.jobCheckpointDir, `chk-${checkpointId}`);
    const write = async () => {
      faults.onCheckpoint(operatorUids, checkpointId, 'async');
      return CheckpointStorage.writeStateFile(dir, `task-${vertexId}-${subtaskIndex}.state`, bytes);
    };
    const done = write().then(
      (handle) =>
        this.context.send({
          type: 'acknowledgeCheckpoint',
          checkpointId,
          handle,
          operatorUids: Object.keys(operators),
          stats: {
            vertexId,
            subtaskIndex,
            syncDurationMs,
            asyncDurationMs: performance.now() - asyncStart,
            alignmentDurationMs: alignmentMs,
            startDelayMs,
            stateBytes: bytes.byteLength,
            unaligned: false,
            inFlightBytes: 0,
          },
        }),
      (error: unknown) => {
        if ((error as { code?: string }).code === 'INJECTED_FAILURE') {
          this.context.failTask(error);
          return;
        }
        this.decline(
          checkpointId,
          `writing the state of subtask ${subtaskIndex + 1} failed: ${(error as Error).message}`,
        );
      },
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  /** Gives up a checkpoint: tells the coordinator, and the downstream tasks so they stop aligning. */
  decline(checkpointId: number, reason: string): void {
    const frame = this.context.codec.encodeCancelCheckpoint(checkpointId);
    for (const channel of this.context.channels) channel.sendEvent(frame.slice());
    this.context.send({ type: 'declineCheckpoint', checkpointId, reason });
  }
}
