import { contiguousSplits, SequenceSource, type SequenceSplit } from './SequenceSource.ts';

export interface GeneratorSourceOptions<T> {
  /** How many records to generate; omit for an endless (unbounded) source. */
  readonly count?: number;
  /** How many splits to cut the sequence into (default 8); splits are spread over the readers on request. */
  readonly splits?: number;
  /** Makes record number `index`. Must be deterministic: a restored reader regenerates from its position. */
  readonly generate: (index: number) => T;
  /**
   * Records per second over the whole source, shared evenly by the readers that hold splits (min(parallelism,
   * splits) of them); omit for as fast as possible. A reader ahead of its rate reports NOTHING_AVAILABLE and becomes
   * available again on a timer. The records themselves do not depend on the rate.
   */
  readonly ratePerSecond?: number | undefined;
}

/**
 * Generates records from their index. Bounded with `count`, else endless: split k of n then generates the indices
 * k, k + n, k + 2n, ... The record of an index is the same in every run, so replays after a failure are exact.
 */
export const GeneratorSource = {
  of<T>(options: GeneratorSourceOptions<T>): SequenceSource<T> {
    const pieces = options.splits ?? 8;
    if (!Number.isInteger(pieces) || pieces < 1) {
      throw new RangeError(`GeneratorSource: splits must be a positive integer, got ${pieces}`);
    }
    const { count } = options;
    if (count === undefined) {
      const splits: SequenceSplit[] = [];
      for (let k = 0; k < pieces; k++) {
        splits.push({ splitId: `endless-${k}-of-${pieces}`, first: k, step: pieces, count: null, emitted: 0 });
      }
      return new SequenceSource('continuous-unbounded', splits, options.generate, options.ratePerSecond);
    }
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`GeneratorSource: count must be a non-negative integer, got ${count}`);
    }
    return new SequenceSource('bounded', contiguousSplits(count, pieces), options.generate, options.ratePerSecond);
  },
};
