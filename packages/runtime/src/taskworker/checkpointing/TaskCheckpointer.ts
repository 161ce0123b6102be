import path from 'node:path';
import type { CheckpointConfig } from '@dhara/core';
import type { ChannelStateSnapshot } from '../../checkpoint/index.ts';
import {
  CheckpointStorage,
  decodeState,
  encodeState,
  type OperatorSnapshot,
  type TaskSnapshot,
} from '../../checkpoint/index.ts';
import type { FaultInjector } from '../../faults/index.ts';
import type { CheckpointBarrier, FrameCodec, OutputChannel } from '../../network/index.ts';
import type { TaskToJobManager } from '../../protocol/index.ts';
import type { OperatorChain } from '../chain/index.ts';
import type { ChannelStateWriter, CheckpointableTask, CheckpointedSource } from './CheckpointableTask.ts';
import { startsUnaligned } from './startsUnaligned.ts';

export interface CheckpointerContext {
  readonly vertexId: number;
  readonly subtaskIndex: number;
  readonly jobCheckpointDir: string;
  /**
   * The job's checkpointing: state up to `inlineStateThresholdBytes` goes inline in the acknowledgement (into
   * `_metadata`), not into a file; a source's barrier goes unaligned by `startsUnaligned`.
   */
  readonly config: CheckpointConfig;
  readonly chain: OperatorChain;
  readonly channels: readonly OutputChannel[];
  /** The task's input channels (0 for a source task): an unaligned snapshot waits for their channel state. */
  readonly inputChannels: number;
  readonly codec: FrameCodec;
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
 *
 * A checkpoint starts here from the barrier handler (`triggerCheckpointOnBarrier`, after alignment) or from a source
 * task's source (`performCheckpointAtSource`); both lead to `performCheckpoint`.
 */
export class TaskCheckpointer implements CheckpointableTask, ChannelStateWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unaligned = new Map<number, PendingUnaligned>();

  constructor(private readonly context: CheckpointerContext) {}

  /** Resolves once every asynchronous part in flight has acknowledged or declined (a task ends only after that). */
  async waitForPendingCheckpoints(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  triggerCheckpointOnBarrier(
    barrier: CheckpointBarrier,
    alignmentMs: number,
    startDelayMs: number,
    unaligned = false,
  ): void {
    this.performCheckpoint(barrier, alignmentMs, startDelayMs, unaligned, undefined);
  }

  /**
   * A source task's checkpoint, at the position its source is at: no alignment; unaligned when the checkpoint has no
   * aligned phase left (see startsUnaligned). The source's reader splits go into the snapshot under its uid.
   */
  performCheckpointAtSource(barrier: CheckpointBarrier, source: CheckpointedSource): void {
    const startDelayMs = Math.max(0, Date.now() - barrier.timestamp);
    const unaligned = startsUnaligned(this.context.config, barrier, Date.now());
    this.performCheckpoint(barrier, 0, startDelayMs, unaligned, source);
  }

  abortCheckpointOnBarrier(checkpointId: number, reason: string, subsumed = false): void {
    this.declineCheckpoint(checkpointId, reason, subsumed);
  }

  /** The synchronous part, at the barrier; an aligned checkpoint's asynchronous part starts at once. */
  private performCheckpoint(
    barrier: CheckpointBarrier,
    alignmentMs: number,
    startDelayMs: number,
    unaligned: boolean,
    source: CheckpointedSource | undefined,
  ): void {
    const { chain, channels, codec, faults, operatorUids } = this.context;
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
    if (source !== undefined) operators[source.uid] = source.snapshotState(checkpointId);
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
    if (this.context.inputChannels === 0) this.finishInputChannelState(checkpointId, {}, 0);
  }

  /** Every input channel delivered the barrier of unaligned checkpoint `checkpointId`: its file is written now. */
  finishInputChannelState(checkpointId: number, inputs: Record<number, Uint8Array[]>, inputBytes: number): void {
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

  /** The coordinator completed the checkpoint: the injected faults of its 'notify-complete' phase happen here. */
  notifyCheckpointComplete(checkpointId: number): void {
    this.context.faults.onCheckpoint(this.context.operatorUids, checkpointId, 'notify-complete');
  }

  /** The coordinator aborted the checkpoint: an unaligned snapshot still waiting for its channel state is forgotten. */
  notifyCheckpointAborted(checkpointId: number): void {
    this.unaligned.delete(checkpointId);
  }

  /** Gives up a checkpoint: tells the coordinator, and the downstream tasks so they stop aligning. */
  private declineCheckpoint(checkpointId: number, reason: string, subsumed = false): void {
    this.unaligned.delete(checkpointId);
    const frame = this.context.codec.encodeCancelCheckpoint(checkpointId);
    for (const channel of this.context.channels) channel.sendEvent(frame.slice());
    this.context.send({ type: 'declineCheckpoint', checkpointId, reason, ...(subsumed ? { subsumed } : {}) });
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
        bytes.byteLength <= this.context.config.inlineStateThresholdBytes
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
        this.declineCheckpoint(
          checkpointId,
          `writing the state of subtask ${subtaskIndex + 1} failed: ${(error as Error).message}`,
        );
      },
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}
