import { QueueSplitEnumerator } from './QueueSplitEnumerator.ts';
import type { Boundedness, Source } from './Source.ts';
import { InputStatus, type ReaderOutput, type SourceReader, type SourceReaderContext } from './SourceReader.ts';
import type { SplitEnumeratorContext } from './SplitEnumerator.ts';

/**
 * A split of a numbered sequence: the indices first, first + step, first + 2 step, ... (`count` of them, or endless
 * when count is null). `emitted` is the position: how many of them were read.
 */
export interface SequenceSplit {
  readonly splitId: string;
  readonly first: number;
  readonly step: number;
  readonly count: number | null;
  readonly emitted: number;
}

/** How many records one pollNext emits at most before it gives the task its turn back. */
const RECORDS_PER_POLL = 256;

/**
 * The base of the sources that turn an index into a record (`fromElements`, the generator source). Splits are index
 * sequences; the enumerator hands them out on request; each reader reads its splits one after another.
 */
export class SequenceSource<T> implements Source<T, SequenceSplit, SequenceSplit[]> {
  constructor(
    readonly boundedness: Boundedness,
    private readonly splits: readonly SequenceSplit[],
    private readonly recordAt: (index: number) => T,
    /** Records per second over the whole source, shared by the readers that hold splits; omit for no limit. */
    private readonly ratePerSecond?: number,
  ) {
    if (ratePerSecond !== undefined && !(ratePerSecond > 0 && Number.isFinite(ratePerSecond))) {
      throw new RangeError(`ratePerSecond must be a positive number, got ${ratePerSecond}`);
    }
  }

  createEnumerator(context: SplitEnumeratorContext<SequenceSplit>): QueueSplitEnumerator<SequenceSplit> {
    return new QueueSplitEnumerator(context, this.splits);
  }

  restoreEnumerator(
    context: SplitEnumeratorContext<SequenceSplit>,
    state: SequenceSplit[],
  ): QueueSplitEnumerator<SequenceSplit> {
    return new QueueSplitEnumerator(context, state);
  }

  createReader(context: SourceReaderContext): SourceReader<T, SequenceSplit> {
    // The readers that will hold splits: all of them, unless there are fewer splits than readers.
    const sharing = Math.max(1, Math.min(context.parallelism, this.splits.length));
    const gate = this.ratePerSecond === undefined ? undefined : new RateGate(this.ratePerSecond / sharing);
    return new SequenceReader(context, this.recordAt, gate);
  }
}

class SequenceReader<T> implements SourceReader<T, SequenceSplit> {
  private readonly queue: SequenceSplit[] = [];
  private current: { split: SequenceSplit; emitted: number } | undefined;
  private noMoreSplits = false;
  private awaitingSplit = false;
  private wakeUp: (() => void) | undefined;
  /** Set when the rate gate held records back: how long until enough of them are due. */
  private aheadByMs: number | undefined;

  constructor(
    private readonly context: SourceReaderContext,
    private readonly recordAt: (index: number) => T,
    private readonly gate: RateGate | undefined,
  ) {}

  start(): void {
    if (this.queue.length === 0) this.requestSplit();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    if (this.current === undefined) {
      const next = this.queue.shift();
      if (next === undefined) {
        if (this.noMoreSplits) return InputStatus.END_OF_INPUT;
        this.requestSplit();
        return InputStatus.NOTHING_AVAILABLE;
      }
      this.current = { split: next, emitted: next.emitted };
    }
    const { split } = this.current;
    const end = split.count === null ? Number.POSITIVE_INFINITY : split.count;
    let stop = Math.min(end, this.current.emitted + RECORDS_PER_POLL);
    if (this.gate !== undefined) {
      const allowed = this.gate.take(stop - this.current.emitted);
      if (allowed === 0) {
        this.aheadByMs = this.gate.msUntilDue(Math.min(RECORDS_PER_POLL, stop - this.current.emitted));
        return InputStatus.NOTHING_AVAILABLE;
      }
      stop = this.current.emitted + allowed;
    }
    const splitOutput = output.createOutputForSplit(split.splitId);
    for (let i = this.current.emitted; i < stop; i++) {
      splitOutput.collect(this.recordAt(split.first + i * split.step));
    }
    this.current.emitted = stop;
    if (stop >= end) {
      output.releaseOutputForSplit(split.splitId);
      this.current = undefined;
      if (this.queue.length === 0 && !this.noMoreSplits) this.requestSplit();
    }
    return InputStatus.MORE_AVAILABLE;
  }

  isAvailable(): Promise<void> {
    const aheadByMs = this.aheadByMs;
    if (aheadByMs !== undefined) {
      this.aheadByMs = undefined;
      return new Promise((resolve) => setTimeout(resolve, aheadByMs));
    }
    if (this.current !== undefined || this.queue.length > 0 || this.noMoreSplits) return Promise.resolve();
    return new Promise((resolve) => {
      this.wakeUp = resolve;
    });
  }

  addSplits(splits: readonly SequenceSplit[]): void {
    this.awaitingSplit = false;
    this.queue.push(...splits);
    this.signal();
  }

  notifyNoMoreSplits(): void {
    this.awaitingSplit = false;
    this.noMoreSplits = true;
    this.signal();
  }

  snapshotState(): SequenceSplit[] {
    const held = this.current === undefined ? [] : [{ ...this.current.split, emitted: this.current.emitted }];
    return [...held, ...this.queue];
  }

  private requestSplit(): void {
    if (this.awaitingSplit) return;
    this.awaitingSplit = true;
    this.context.sendSplitRequest();
  }

  private signal(): void {
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  }
}

/**
 * Lets records through at a fixed rate: record n (counting from the first request) is due n / rate seconds after it.
 * A reader that fell behind (waiting for a split, or backpressured) catches up with a burst of at most 50 ms worth.
 */
class RateGate {
  private startedAt: number | undefined;
  private granted = 0;
  private readonly maxBurst: number;

  constructor(private readonly perSecond: number) {
    this.maxBurst = Math.max(1, Math.ceil(perSecond / 20));
  }

  /** Takes up to `wanted` records that are due now; returns how many. */
  take(wanted: number): number {
    const now = performance.now();
    this.startedAt ??= now;
    const due = Math.floor(((now - this.startedAt) * this.perSecond) / 1000) + 1;
    if (due - this.granted > this.maxBurst) this.granted = due - this.maxBurst;
    const allowed = Math.max(0, Math.min(wanted, due - this.granted));
    this.granted += allowed;
    return allowed;
  }

  /** Milliseconds until `count` more records are due (at least 1 ms; at most about 10 ms of records at high rates). */
  msUntilDue(count: number): number {
    const batch = Math.max(1, Math.min(count, Math.ceil(this.perSecond / 100)));
    const dueAt = this.startedAt! + ((this.granted + batch - 1) * 1000) / this.perSecond;
    return Math.max(1, Math.ceil(dueAt - performance.now()));
  }
}

/** Cuts the indices [0, total) into at most `pieces` contiguous splits of near-equal size. */
export function contiguousSplits(total: number, pieces: number): SequenceSplit[] {
  const count = Math.max(1, Math.min(pieces, total));
  const splits: SequenceSplit[] = [];
  for (let i = 0; i < count; i++) {
    const first = Math.floor((i * total) / count);
    const end = Math.floor(((i + 1) * total) / count);
    if (end > first) splits.push({ splitId: `range-${first}-${end}`, first, step: 1, count: end - first, emitted: 0 });
  }
  return splits;
}
