/** The records one fetch produced for one split, in order. */
export interface SplitRecords<E> {
  readonly splitId: string;
  readonly records: readonly E[];
}

/**
 * What one `SplitReader.fetch()` returns: records grouped by split, and the splits that this fetch read to the end.
 * A split listed as finished has all its records in this batch or in earlier ones.
 */
export interface RecordsWithSplitIds<E> {
  readonly bySplit: readonly SplitRecords<E>[];
  readonly finishedSplits: readonly string[];
}

export const RecordsWithSplitIds = {
  /** A batch of one split's records; `finished` marks that split as read to its end. */
  of<E>(splitId: string, records: readonly E[], finished = false): RecordsWithSplitIds<E> {
    return { bySplit: records.length === 0 ? [] : [{ splitId, records }], finishedSplits: finished ? [splitId] : [] };
  },
  /** Nothing fetched (e.g. a fetch woken up early). */
  empty<E>(): RecordsWithSplitIds<E> {
    return { bySplit: [], finishedSplits: [] };
  },
};

/** True when the batch carries neither records nor finished splits: it is not worth queueing. */
export function isEmptyFetch(fetch: RecordsWithSplitIds<unknown>): boolean {
  return fetch.finishedSplits.length === 0 && fetch.bySplit.every((s) => s.records.length === 0);
}
