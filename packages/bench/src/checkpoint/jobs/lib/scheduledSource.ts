// An endless source on a wall-clock schedule, for the recovery scenario: record i is due at epoch + i / rate, and a
// reader emits every record that is due, as fast as it can when behind. A reader restored from a checkpoint is
// behind by the time since that checkpoint, so the pipeline has a backlog to drain — as with a log-based source,
// unlike the generator's rate limit, which starts counting again after a restore. Each record carries its due time.
import {
  InputStatus,
  QueueSplitEnumerator,
  type ReaderOutput,
  type SequenceSplit,
  type Source,
  type SourceReader,
  type SourceReaderContext,
  type SplitEnumeratorContext,
} from '@dhara/core';

export interface ScheduledRecord {
  readonly key: number;
  readonly value: number;
  /** When the record was due (ms since the epoch): its event time. */
  readonly dueAt: number;
}

/** Records per poll at most, so that the task gets its turn back. */
const RECORDS_PER_POLL = 256;

export class ScheduledSource implements Source<ScheduledRecord, SequenceSplit, SequenceSplit[]> {
  readonly boundedness = 'continuous-unbounded' as const;
  private readonly splits: SequenceSplit[];

  constructor(
    private readonly epochMs: number,
    private readonly ratePerSecond: number,
    private readonly keys: number,
    pieces = 8,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`ScheduledSource: rate must be > 0, got ${ratePerSecond}`);
    this.splits = Array.from({ length: pieces }, (_, k) => ({
      splitId: `scheduled-${k}-of-${pieces}`,
      first: k,
      step: pieces,
      count: null,
      emitted: 0,
    }));
  }

  createEnumerator(context: SplitEnumeratorContext<SequenceSplit>): QueueSplitEnumerator<SequenceSplit> {
    return new QueueSplitEnumerator(context, this.splits);
  }

  restoreEnumerator(context: SplitEnumeratorContext<SequenceSplit>, state: SequenceSplit[]) {
    return new QueueSplitEnumerator(context, state);
  }

  createReader(context: SourceReaderContext): SourceReader<ScheduledRecord, SequenceSplit> {
    return new ScheduledReader(context, (i) => this.epochMs + (i * 1_000) / this.ratePerSecond, this.keys);
  }
}

/** Reads all its splits side by side (it keeps asking for splits until there are none left). */
class ScheduledReader implements SourceReader<ScheduledRecord, SequenceSplit> {
  private readonly held: { split: SequenceSplit; emitted: number }[] = [];
  private noMoreSplits = false;
  private waitMs = 0;

  constructor(
    private readonly context: SourceReaderContext,
    private readonly dueAt: (index: number) => number,
    private readonly keys: number,
  ) {}

  start(): void {
    this.context.sendSplitRequest();
  }

  pollNext(output: ReaderOutput<ScheduledRecord>): InputStatus {
    const now = Date.now();
    let budget = RECORDS_PER_POLL;
    let nextDue = Number.POSITIVE_INFINITY;
    for (const h of this.held) {
      const splitOutput = output.createOutputForSplit(h.split.splitId);
      while (budget > 0) {
        const index = h.split.first + h.emitted * h.split.step;
        const due = this.dueAt(index);
        if (due > now) {
          nextDue = Math.min(nextDue, due);
          break;
        }
        splitOutput.collect({ key: index % this.keys, value: index, dueAt: due }, due);
        h.emitted++;
        budget--;
      }
    }
    if (budget < RECORDS_PER_POLL) return InputStatus.MORE_AVAILABLE;
    this.waitMs = Number.isFinite(nextDue) ? Math.max(1, Math.ceil(nextDue - now)) : 10;
    return InputStatus.NOTHING_AVAILABLE;
  }

  isAvailable(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.waitMs));
  }

  addSplits(splits: readonly SequenceSplit[]): void {
    for (const split of splits) this.held.push({ split, emitted: split.emitted });
    if (!this.noMoreSplits) this.context.sendSplitRequest();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
  }

  snapshotState(): SequenceSplit[] {
    return this.held.map((h) => ({ ...h.split, emitted: h.emitted }));
  }
}
