import {
  type ExternallyInducedSourceReader,
  InputStatus,
  type ReaderOutput,
  type SourceReader,
  type SourceReaderContext,
} from '@dhara/core';
import type { EventStreamReader, PravegaClient } from '@dhara/pravega';
import { openClient } from '../client/index.ts';
import { checkpointIdOf } from './checkpointName.ts';
import type { ResolvedSourceOptions } from './options.ts';
import type { PravegaReaderSplit } from './PravegaSplitEnumerator.ts';
import { readerJoined } from './readerJoined.ts';

type Item<T> = { event: T } | { checkpoint: number };

/** Events read ahead of the task; the fetch loop pauses above this (but always reads once past a marker). */
const MAX_QUEUED = 2000;
/** Records per pollNext. */
const BATCH = 500;

/**
 * One reader of the group per subtask. A fetch loop calls `readNextEvent` and queues events and checkpoint markers;
 * `pollNext` emits the queue up to a marker and stops there, and `shouldTriggerCheckpoint` reports the marker's
 * engine checkpoint id, so the barrier sits exactly at the reader-group checkpoint's position.
 */
export class PravegaSourceReader<T> implements SourceReader<T, PravegaReaderSplit>, ExternallyInducedSourceReader {
  private readonly queue: Item<T>[] = [];
  private head = 0;
  private reached: number | undefined;
  private completed = false;
  private failure: unknown;
  private closed = false;
  private client: PravegaClient | undefined;
  private reader: EventStreamReader<T> | undefined;
  private wake: (() => void) | undefined;
  private resume: (() => void) | undefined;
  private lastCompleted = 0;
  private split: PravegaReaderSplit | undefined;
  /** The reader is online in the group and the enumerator has not been told yet (told from `pollNext`). */
  private joinedUntold: string | undefined;

  constructor(
    private readonly options: ResolvedSourceOptions<T>,
    readonly context: SourceReaderContext,
  ) {}

  start(): void {}

  addSplits(splits: readonly PravegaReaderSplit[]): void {
    for (const split of splits) {
      if (this.split !== undefined) continue;
      this.split = split;
      this.fetchLoop(split).catch((error: unknown) => {
        if (!this.closed) this.failure ??= error;
        this.signal();
      });
    }
  }

  notifyNoMoreSplits(): void {}

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private get size(): number {
    return this.queue.length - this.head;
  }

  private async fetchLoop(split: PravegaReaderSplit): Promise<void> {
    const o = this.options;
    this.lastCompleted = Math.max(this.lastCompleted, split.staleUpTo ?? 0);
    const client = await openClient(o.controller);
    this.client = client;
    // One reader id per attempt: a reader of a failed attempt may still act in the group for a moment.
    const readerId = `${split.readerId}-a${this.context.attemptNumber}`;
    if (this.closed) {
      await client.close();
      return;
    }
    this.reader = await client.createReader(readerId, o.scope, split.readerGroup, o.serializer);
    // Checkpoints will come: segments change hands only at checkpoint positions from the first read on, so a
    // successor's events never overtake its predecessor's last ones still queued in another task (per-key order).
    if (this.context.checkpointingEnabled) this.reader.handOverAtCheckpoints();
    if (this.closed) {
      // Closed while joining (the attempt was cancelled): leave again, or the group would wait for this reader in
      // every checkpoint of the next attempt (the reset may already have happened).
      await this.reader.close();
      await client.close();
      return;
    }
    this.joinedUntold = readerId;
    this.signal();
    let afterMarker = false;
    while (!this.closed) {
      if (this.size >= MAX_QUEUED && !afterMarker) {
        await new Promise<void>((resolve) => {
          this.resume = resolve;
        });
        continue;
      }
      const read = await this.reader.readNextEvent(o.eventReadTimeoutMs);
      afterMarker = false;
      if (this.closed) return;
      if (read.isCheckpoint && read.checkpointName !== null) {
        const id = checkpointIdOf(read.checkpointName);
        // The next read records this reader's position for the reader-group checkpoint: do it even when full.
        afterMarker = true;
        // Checkpoints come, so segments may be handed over at them only: keeps per-key order across readers.
        if (id !== undefined) this.reader.handOverAtCheckpoints();
        if (id !== undefined && id > this.lastCompleted) this.queue.push({ checkpoint: id });
      } else if (read.event !== null) {
        this.queue.push({ event: read.event });
      } else if (read.isReadCompleted) {
        if (!this.completed) {
          this.completed = true;
          this.signal();
        }
        // Stay in the group and keep asking: a reader-group checkpoint started before the task ended its input
        // still involves this reader, which must return its marker (and record its empty position) for it.
        await new Promise((resolve) => setTimeout(resolve, o.eventReadTimeoutMs));
        continue;
      } else continue;
      this.signal();
    }
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    if (this.failure !== undefined) throw this.failure;
    if (this.joinedUntold !== undefined) {
      this.context.sendSourceEventToCoordinator(readerJoined(this.joinedUntold));
      this.joinedUntold = undefined;
    }
    const timestampOf = this.options.timestampOf;
    let emitted = 0;
    while (this.size > 0 && emitted < BATCH) {
      const item = this.queue[this.head++]!;
      if ('checkpoint' in item) {
        // Queued before a later checkpoint completed: nothing will trigger it any more.
        if (item.checkpoint <= this.lastCompleted) continue;
        this.reached = item.checkpoint;
        this.compact();
        return InputStatus.MORE_AVAILABLE;
      }
      if (timestampOf === undefined) output.collect(item.event);
      else output.collect(item.event, timestampOf(item.event));
      emitted++;
    }
    this.compact();
    if (this.size > 0) return InputStatus.MORE_AVAILABLE;
    return this.completed ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.size < MAX_QUEUED) {
      const resume = this.resume;
      this.resume = undefined;
      resume?.();
    }
  }

  shouldTriggerCheckpoint(): number | undefined {
    const id = this.reached;
    this.reached = undefined;
    return id;
  }

  isAvailable(): Promise<void> {
    if (this.size > 0 || this.completed || this.failure !== undefined || this.joinedUntold !== undefined) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** The reader's position lives in the reader group; the split is handed out again by the enumerator. */
  snapshotState(): PravegaReaderSplit[] {
    return [];
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.lastCompleted = Math.max(this.lastCompleted, checkpointId);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.signal();
    this.resume?.();
    await this.reader?.close().catch(() => {});
    await this.client?.close().catch(() => {});
  }
}
