import type { SinkWriteContext } from '@dhara/core';

/**
 * Picks the bucket (a sub-directory of the sink's directory, '' for the directory itself) of each element, as
 * Flink's `BucketAssigner`. It should depend on the element only, so a replay after a failure lands where the first
 * try did (that is not needed for exactly-once, which discards the first try, but keeps buckets predictable).
 */
export type BucketAssigner<T> = (element: T, context: SinkWriteContext) => string;

/** One bucket: every part file in the sink's directory (Flink's `BasePathBucketAssigner`). */
export function basePathBuckets<T>(): BucketAssigner<T> {
  return () => '';
}

/**
 * A bucket per UTC day of the element's event time, as `YYYY-MM-DD` (Flink's `DateTimeBucketAssigner` uses
 * processing time; event time keeps replays in their bucket). `timeOf` picks the time from the element; by default
 * the element's timestamp, else the wall clock.
 */
export function eventDateBuckets<T>(timeOf?: (element: T) => number): BucketAssigner<T> {
  return (element, context) => {
    const time = timeOf?.(element) ?? context.timestamp ?? Date.now();
    return new Date(time).toISOString().slice(0, 10);
  };
}
