import path from 'node:path';
import type { ChannelStateSnapshot } from '../../checkpoint/formats.ts';
import {
  CheckpointStorage,
  decodeState,
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
  /** State up to this size goes inline in the acknowledgement (into `_metadata`), not into a file. */
  readonly inlineThresholdBytes: number;
  readonly chain: OperatorChain;
  readonly channels: readonly OutputChannel[];
  /** The task's input channels (0 for a source task): an unaligned snapshot waits for their channel state. */
  readonly inputChannels: number;
  readonly codec: FrameCodec;
  /** A source task's reader splits with their positions, stored under the source's uid. */
  readonly source: { readonly uid: string; readonly snapshotSplits: (checkpointId: number) => unknown[] } | undefined;
  readonly faults: FaultInjector;
  readonly operatorUids: readonly string[];
  readonly send: (message: TaskToJobManager) => void;
  /** Fails the task from outside its loop (an injected fault in the async phase). */
  readonly failTask: (error: unknown) => void;
}

interface Timing {
  readonly alignmentMs: number;
  readonly startDelayMs: number;
  readonly syncDurationMs: number;
}

/** An unaligned snapshot whose operator state is taken, waiting for its input channel state. */
interface PendingUnaligned {
  readonly flushed: Promise<unknown> | undefined;
  readonly operatorBytes: Uint8Array;
  readonly operatorUids: string[];
  readonly outputs: Record<number, Uint8Array[]>;
  readonly outputBytes: number;
  readonly timing: Timing;
}

/** An operator's background flush for a checkpoint failed (not the state write). */
class FlushFailed {
  constructor(readonly cause: unknown) {}
}

/**
 * Takes a subtask's part of a checkpoint: lets operators emit what precedes the barrier, forwards the barrier on
 * every output channel, copies the state (the synchronous part, encoded at once so the task can go on changing it),
 * then writes and fsyncs the file off the mailbox (the asynchronous part) and acknowledges with the file's handle —
 * or declines. Unaligned, the barrier goes out as a priority event and the output data it overtook is kept; the file
 * is written once the input channel state is complete too (every input channel delivered the barrier).
 */
export class TaskCheckpointer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unaligned = new Map<number, PendingUnaligned>();

  constructor(private readonly context: CheckpointerContext) {}

  /** Resolves once every asynchronous part in flight has acknowledged or declined (a task ends only after that). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  perform(barrier: CheckpointBarrier, alignmentMs: number, startDelayMs: number, unaligned = false): void {
    const { chain, channels, codec, source, faults, operatorUids } = this.context;
    const { checkpointId } = barrier;
    const syncStart = performance.now();
    // A sink's flush may go on in the background: the acknowledgement waits for it, the barrier does not.
    const flushed = chain.prepareSnapshotPreBarrier(checkpointId);
    const barrierFrame = codec.encodeBarrier(barrier, unaligned);
    const outputs: Record<number, Uint8Array[]> = {};
    let outputBytes = 0;
    for (let i = 0; i < channels.length; i++) {
      if (!unaligned) {
        channels[i]!.sendEvent(barrierFrame.slice());
        continue;
      }
      const overtaken = channels[i]!.sendPriorityEvent(barrierFrame.slice());
      if (overtaken.length === 0) continue;
      outputs[i] = overtaken;
      for (const f of overtaken) outputBytes += f.byteLength;
    }

    const operators: Record<string, OperatorSnapshot> = chain.snapshotState(checkpointId);
    if (source !== undefined) {
      operators[source.uid] = { listState: { [SOURCE_SPLITS_STATE]: source.snapshotSplits(checkpointId) } };
    }
    faults.onCheckpoint(operatorUids, checkpointId, 'sync');
    if (!unaligned) {
      const snapshot: TaskSnapshot = {
        vertexId: this.context.vertexId,
        subtaskIndex: this.context.subtaskIndex,
        operators,
      };
      const bytes = encodeState(snapshot);
      const timing = { alignmentMs, startDelayMs, syncDurationMs: performance.now() - syncStart };
      this.write(checkpointId, bytes, Object.keys(operators), timing, undefined, flushed);
      return;
    }
    // Encoded now, so that the task can go on changing its state while the input channel state is recorded.
    const operatorBytes = encodeState(operators);
    const timing = { alignmentMs, startDelayMs, syncDurationMs: performance.now() - syncStart };
    // Every operator of the chain is listed, stateful or not: the job manager restores a task's file only to tasks
    // whose operators it lists, and the channel state belongs to the task.
    const uids = [...new Set([...Object.keys(operators), ...operatorUids])];
    this.unaligned.set(checkpointId, { flushed, operatorBytes, operatorUids: uids, outputs, outputBytes, timing });
    if (this.context.inputChannels === 0) this.channelStateComplete(checkpointId, {}, 0);
  }

  /** Every input channel delivered the barrier of unaligned checkpoint `checkpointId`: write its file. */
  channelStateComplete(checkpointId: number, inputs: Record<number, Uint8Array[]>, inputBytes: number): void {
    const pending = this.unaligned.get(checkpointId);
    if (pending === undefined) return;
    this.unaligned.delete(checkpointId);
    const channelState: ChannelStateSnapshot = {
      inputChannels: this.context.inputChannels,
      outputChannels: this.context.channels.length,
      inputs,
      outputs: pending.outputs,
    };
    const snapshot: TaskSnapshot = {
      vertexId: this.context.vertexId,
      subtaskIndex: this.context.subtaskIndex,
      operators: decodeState<Record<string, OperatorSnapshot>>(pending.operatorBytes),
      channelState,
    };
    this.write(
      checkpointId,
      encodeState(snapshot),
      pending.operatorUids,
      pending.timing,
      inputBytes + pending.outputBytes,
      pending.flushed,
    );
  }

  /** Forgets an unaligned snapshot still waiting for its channel state (the checkpoint was aborted). */
  discard(checkpointId: number): void {
    this.unaligned.delete(checkpointId);
  }

  /** Gives up a checkpoint: tells the coordinator, and the downstream tasks so they stop aligning. */
  decline(checkpointId: number, reason: string): void {
    this.discard(checkpointId);
    const frame = this.context.codec.encodeCancelCheckpoint(checkpointId);
    for (const channel of this.context.channels) channel.sendEvent(frame.slice());
    this.context.send({ type: 'declineCheckpoint', checkpointId, reason });
  }

  /**
   * The asynchronous part: write and fsync the state file and let the operators' flushes finish, then acknowledge
   * (`inFlightBytes` only if unaligned).
   */
  private write(
    checkpointId: number,
    bytes: Uint8Array,
    operatorUids: string[],
    timing: Timing,
    inFlightBytes: number | undefined,
    flushed: Promise<unknown> | undefined,
  ): void {
    const { faults, vertexId, subtaskIndex } = this.context;
    const asyncStart = performance.now();
    const dir = path.join(this.context.jobCheckpointDir, `chk-${checkpointId}`);
    const write = async () => {
      faults.onCheckpoint(this.context.operatorUids, checkpointId, 'async');
      const [handle] = await Promise.all([
        bytes.byteLength <= this.context.inlineThresholdBytes
          ? CheckpointStorage.inlineState(bytes)
          : CheckpointStorage.writeStateFile(dir, `task-${vertexId}-${subtaskIndex}.state`, bytes),
        flushed?.catch((error: unknown) => {
          throw new FlushFailed(error);
        }),
      ]);
      return handle;
    };
    const done = write().then(
      (handle) =>
        this.context.send({
          type: 'acknowledgeCheckpoint',
          checkpointId,
          handle,
          operatorUids,
          stats: {
            vertexId,
            subtaskIndex,
            syncDurationMs: timing.syncDurationMs,
            asyncDurationMs: performance.now() - asyncStart,
            alignmentDurationMs: timing.alignmentMs,
            startDelayMs: timing.startDelayMs,
            stateBytes: bytes.byteLength,
            unaligned: inFlightBytes !== undefined,
            inFlightBytes: inFlightBytes ?? 0,
          },
        }),
      (error: unknown) => {
        if ((error as { code?: string }).code === 'INJECTED_FAILURE') {
          this.context.failTask(error);
          return;
        }
        // What the sink prepared for this checkpoint may not be durable: the task fails (as a throwing flush would).
        if (error instanceof FlushFailed) {
          this.context.failTask(error.cause);
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
}
