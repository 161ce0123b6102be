import type { Position } from '../../model/index.ts';

/** What `readNextEvent` returns: an event, a checkpoint marker, or nothing (timeout / end of the read). */
export interface EventRead<T> {
  /** Null on a timeout, at a checkpoint marker, or when the read is complete. */
  readonly event: T | null;
  readonly position: Position;
  /** Where the event is: segment and offset (Pravega's EventPointer). */
  readonly eventPointer: { scope: string; stream: string; segment: number; offset: number; length: number } | null;
  /** Set when this read is a checkpoint marker: the checkpoint's name. */
  readonly checkpointName: string | null;
  readonly isCheckpoint: boolean;
  /** Every segment is read to its end (sealed streams or end cuts): no more events will come. */
  readonly isReadCompleted: boolean;
}
