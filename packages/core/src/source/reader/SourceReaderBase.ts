import {
  InputStatus,
  type ReaderOutput,
  type SourceReader,
  type SourceReaderContext,
  type SourceSplit,
} from '../index.ts';
import { FetchQueue } from './FetchQueue.ts';
import type { RecordEmitter } from './RecordEmitter.ts';
import type { RecordsWithSplitIds } from './RecordsWithSplitIds.ts';
import { type FetcherMode, SplitFetcherManager } from './SplitFetcherManager.ts';
import type { SplitReader } from './SplitReader.ts';

export interface SourceReaderBaseOptions {
  /** Fetched batches that may wait for the task (Flink's `source.reader.element.queue.capacity`); default 2. */
  readonly queueCapacity?: number;
  /** Records one `pollNext` emits at most before it gives the task its turn back; default 1,000. */
  readonly recordsPerPoll?: number;
  /** One fetch loop for all splits (default) or one per split. */
  readonly fetcherMode?: FetcherMode;
}

/** Where pollNext stands inside the batch it is emitting. */
interface CurrentFetch<E> {
  readonly fetch: RecordsWithSplitIds<E>;
  splitIndex: number;
  recordIndex: number;
}

/**
 * The base of readers whose I/O is a `SplitReader` (Flink's SourceReaderBase). Split fetchers run the split reader's
 * `fetch()` as async loops and put the batches into a small bounded queue; `pollNext`, on the task's thread, takes
 * batches from it and hands each record to the `RecordEmitter`, which emits elements and moves the split's mutable
 * state. A connector writes the split reader, the emitter, and the three hooks below.
 *
 * `pollNext` reports END_OF_INPUT only when the enumerator said there are no more splits, every fetcher is idle
 * (its splits read to the end), and the queue is empty. A fetch error is rethrown by the next `pollNext`.
 */
export abstract class SourceReaderBase<E, T, Split extends SourceSplit, SplitState> implements SourceReader<T, Split> {
  private readonly queue: FetchQueue<RecordsWithSplitIds<E>>;
  private readonly fetchers: SplitFetcherManager<E, Split>;
  private readonly splitStates = new Map<string, SplitState>();
  private readonly recordsPerPoll: number;
  private current: CurrentFetch<E> | undefined;
  private noMoreSplits = false;

  constructor(
    createSplitReader: () => SplitReader<E, Split>,
    private readonly recordEmitter: RecordEmitter<E, T, SplitState>,
    protected readonly context: SourceReaderContext,
    options: SourceReaderBaseOptions = {},
  ) {
    this.queue = new FetchQueue(options.queueCapacity ?? 2);
    this.fetchers = new SplitFetcherManager(createSplitReader, this.queue, options.fetcherMode);
    this.recordsPerPoll = options.recordsPerPoll ?? 1_000;
  }

  /** The mutable state of a split when it is added (its position, say). */
  protected abstract initializedState(split: Split): SplitState;
  /** The split as plain data, at the position its state holds: what a checkpoint stores. */
  protected abstract toSplitType(splitId: string, state: SplitState): Split;
  /** Splits read to their end, with their final state: e.g. ask the enumerator for another split. */
  protected abstract onSplitFinished(finished: ReadonlyMap<string, SplitState>): void;

  start(): void {}

  /** How many unfinished splits this reader holds. */
  protected get splitCount(): number {
    return this.splitStates.size;
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    this.fetchers.checkErrors();
    let emitted = 0;
    for (;;) {
      if (this.current === undefined) {
        if (emitted >= this.recordsPerPoll) return InputStatus.MORE_AVAILABLE;
        const fetch = this.queue.poll();
        if (fetch === undefined) return emitted > 0 ? InputStatus.MORE_AVAILABLE : this.finishedOrAvailableLater();
        this.current = { fetch, splitIndex: 0, recordIndex: 0 };
      }
      const current = this.current;
      const { bySplit } = current.fetch;
      while (current.splitIndex < bySplit.length) {
        const { splitId, records } = bySplit[current.splitIndex]!;
        const state = this.splitStates.get(splitId);
        if (state === undefined) throw new Error(`a fetch returned records of split '${splitId}', not held here`);
        // Each split's records go through its own output: it has its own watermark generator.
        const splitOutput = output.createOutputForSplit(splitId);
        const emitter = this.recordEmitter;
        while (current.recordIndex < records.length) {
          if (emitted >= this.recordsPerPoll) return InputStatus.MORE_AVAILABLE;
          emitter.emitRecord(records[current.recordIndex++]!, splitOutput, state);
          emitted++;
        }
        current.splitIndex++;
        current.recordIndex = 0;
      }
      this.current = undefined;
      this.finishFetch(current.fetch, output);
    }
  }

  isAvailable(): Promise<void> {
    if (this.current !== undefined || this.queue.size > 0 || this.fetchers.hasFailed) return Promise.resolve();
    if (this.noMoreSplits && this.fetchers.allFetchersIdle()) return Promise.resolve();
    return this.queue.availability();
  }

  addSplits(splits: readonly Split[]): void {
    for (const split of splits) this.splitStates.set(split.splitId, this.initializedState(split));
    this.fetchers.addSplits(splits);
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.queue.notifyAvailable();
  }

  /** Every split held — being read, queued, or not fetched yet — at the position of the last emitted record. */
  snapshotState(_checkpointId: number): Split[] {
    return [...this.splitStates].map(([splitId, state]) => this.toSplitType(splitId, state));
  }

  async close(): Promise<void> {
    await this.fetchers.close();
  }

  private finishFetch(fetch: RecordsWithSplitIds<E>, output: ReaderOutput<T>): void {
    if (fetch.finishedSplits.length === 0) return;
    const finished = new Map<string, SplitState>();
    for (const splitId of fetch.finishedSplits) {
      const state = this.splitStates.get(splitId);
      if (state === undefined) continue;
      this.splitStates.delete(splitId);
      output.releaseOutputForSplit(splitId);
      finished.set(splitId, state);
    }
    if (finished.size > 0) this.onSplitFinished(finished);
  }

  /** Flink's three conditions for the end: no more splits coming, all fetchers idle, nothing queued. */
  private finishedOrAvailableLater(): InputStatus {
    if (!this.noMoreSplits || !this.fetchers.allFetchersIdle()) return InputStatus.NOTHING_AVAILABLE;
    if (this.queue.size > 0) return InputStatus.MORE_AVAILABLE;
    this.fetchers.checkErrors();
    return InputStatus.END_OF_INPUT;
  }
}
