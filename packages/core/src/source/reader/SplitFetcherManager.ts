import type { SourceSplit } from '../index.ts';
import type { FetchQueue } from './FetchQueue.ts';
import type { RecordsWithSplitIds } from './RecordsWithSplitIds.ts';
import { SplitFetcher } from './SplitFetcher.ts';
import type { SplitReader } from './SplitReader.ts';

/**
 * How a reader's splits map onto fetch loops. `single` (the default, Flink's SingleThreadFetcherManager): one loop
 * reads the splits one after another — the file source's choice. `per-split`: one loop per split, all fetching
 * concurrently — for sources whose splits must all make progress (e.g. partitions of a log).
 */
export type FetcherMode = 'single' | 'per-split';

/** Starts, feeds and shuts down the split fetchers of one source reader, and collects their errors. */
export class SplitFetcherManager<E, Split extends SourceSplit> {
  private readonly fetchers = new Set<SplitFetcher<E, Split>>();
  private nextId = 0;
  private firstError: { error: unknown } | undefined;

  constructor(
    private readonly createSplitReader: () => SplitReader<E, Split>,
    private readonly queue: FetchQueue<RecordsWithSplitIds<E>>,
    private readonly mode: FetcherMode = 'single',
  ) {}

  addSplits(splits: readonly Split[]): void {
    if (splits.length === 0) return;
    if (this.mode === 'per-split') {
      for (const split of splits) this.startFetcher().addSplits([split]);
      return;
    }
    const [fetcher] = this.fetchers;
    (fetcher ?? this.startFetcher()).addSplits(splits);
  }

  /** True when no fetcher has work left: every split handed to them was read to its end (or a fetch failed). */
  allFetchersIdle(): boolean {
    for (const fetcher of this.fetchers) if (!fetcher.isIdle) return false;
    return true;
  }

  get hasFailed(): boolean {
    return this.firstError !== undefined;
  }

  /** Rethrows the first error a fetch threw. */
  checkErrors(): void {
    if (this.firstError !== undefined) throw this.firstError.error;
  }

  async close(): Promise<void> {
    this.queue.close();
    const fetchers = [...this.fetchers];
    this.fetchers.clear();
    await Promise.all(fetchers.map((f) => f.close()));
  }

  private startFetcher(): SplitFetcher<E, Split> {
    const fetcher = new SplitFetcher(this.nextId++, this.createSplitReader(), this.queue, (ended) =>
      this.onLoopEnd(ended),
    );
    this.fetchers.add(fetcher);
    return fetcher;
  }

  private onLoopEnd(fetcher: SplitFetcher<E, Split>): void {
    if (fetcher.error !== undefined) {
      this.firstError ??= fetcher.error;
    } else if (this.mode === 'per-split' && fetcher.isIdle && this.fetchers.delete(fetcher)) {
      // A per-split fetcher whose split is done is shut down; its split reader closes in the background.
      void fetcher.close().catch((error: unknown) => {
        this.firstError ??= { error };
      });
    }
    // The reader may now be at its end, or must surface the error: let the task poll again.
    this.queue.notifyAvailable();
  }
}
