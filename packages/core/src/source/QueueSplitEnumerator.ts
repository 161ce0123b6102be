import type { SourceSplit } from './SourceSplit.ts';
import type { SplitEnumerator, SplitEnumeratorContext } from './SplitEnumerator.ts';

/**
 * Hands out a fixed set of splits one at a time, to whichever reader asks (Flink's pull model, as in its file source):
 * a fast reader takes more splits than a slow one. Splits given back by a failed reader are handed out again.
 * Its state is the list of splits not yet handed out.
 */
export class QueueSplitEnumerator<Split extends SourceSplit> implements SplitEnumerator<Split, Split[]> {
  private readonly pending: Split[];

  constructor(
    private readonly context: SplitEnumeratorContext<Split>,
    splits: readonly Split[],
  ) {
    this.pending = [...splits];
  }

  start(): void {}

  addReader(): void {
    // Readers ask for splits themselves once they start.
  }

  handleSplitRequest(subtaskIndex: number): void {
    const next = this.pending.shift();
    if (next === undefined) this.context.signalNoMoreSplits(subtaskIndex);
    else this.context.assignSplit(next, subtaskIndex);
  }

  addSplitsBack(splits: readonly Split[]): void {
    this.pending.unshift(...splits);
  }

  snapshotState(): Split[] {
    return [...this.pending];
  }
}
