import type { SourceSplit } from '../index.ts';
import type { FetchQueue } from './FetchQueue.ts';
import { isEmptyFetch, type RecordsWithSplitIds } from './RecordsWithSplitIds.ts';
import type { SplitReader } from './SplitReader.ts';

/**
 * One fetch loop over one split reader: while it holds unfinished splits, it fetches a batch and puts it into the
 * queue (waiting while the queue is full). Node has no fetcher threads; the loop's awaits are where the I/O runs off
 * the task's thread. When all its splits are finished the loop ends and the fetcher is idle; the manager then
 * shuts it down (a new split starts a new fetcher), as Flink's fetcher manager does with idle fetchers.
 */
export class SplitFetcher<E, Split extends SourceSplit> {
  private readonly unfinished = new Set<string>();
  private running: Promise<void> | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;

  constructor(
    readonly id: number,
    private readonly splitReader: SplitReader<E, Split>,
    private readonly queue: FetchQueue<RecordsWithSplitIds<E>>,
    /** Called when the loop ends: idle (all splits finished) or failed. */
    private readonly onLoopEnd: (fetcher: SplitFetcher<E, Split>) => void,
  ) {}

  /** True when the fetcher has no unfinished split and no loop running. */
  get isIdle(): boolean {
    return this.running === undefined && this.unfinished.size === 0;
  }

  /** The error a fetch threw, if any; the fetcher stops at its first error. */
  get error(): { error: unknown } | undefined {
    return this.failure;
  }

  addSplits(splits: readonly Split[]): void {
    if (this.closed) return;
    for (const split of splits) this.unfinished.add(split.splitId);
    this.splitReader.handleSplitsChanges({ kind: 'add', splits });
    if (this.running === undefined) this.running = this.loop();
    else this.splitReader.wakeUp();
  }

  /** Stops the loop, wakes a pending fetch and closes the split reader. */
  async close(): Promise<void> {
    this.closed = true;
    this.splitReader.wakeUp();
    await this.running;
    await this.splitReader.close();
  }

  private async loop(): Promise<void> {
    try {
      while (!this.closed && this.unfinished.size > 0 && this.failure === undefined) {
        const fetch = await this.splitReader.fetch();
        if (this.closed) break;
        for (const splitId of fetch.finishedSplits) this.unfinished.delete(splitId);
        if (!isEmptyFetch(fetch) && !(await this.queue.put(fetch))) break;
      }
    } catch (error) {
      this.failure = { error };
    }
    this.running = undefined;
    this.onLoopEnd(this);
  }
}
