import { type FsyncPolicy, Journal } from '../journal/index.ts';
import { applyRecord } from './applyRecord.ts';
import type { ControllerMetadata } from './ControllerMetadata.ts';
import type { JournalRecord } from './JournalRecord.ts';
import { markDurable } from './touchedSegments.ts';

/**
 * Recovery on open: open the journal in `dir` and replay every whole record, in order, through `applyRecord` into
 * `metadata`. What is replayed was on disk, so it is durable and readable at once. The journal stops at the first
 * record with a bad length, checksum or header, takes it for a torn tail and cuts the file there; `truncatedBytes`
 * is what it cut. How a damaged journal is treated on open is decided here and in Journal.open.
 */
export function replayJournal(
  dir: string,
  fsync: FsyncPolicy,
  metadata: ControllerMetadata,
): Promise<{ journal: Journal; truncatedBytes: number }> {
  return Journal.open(dir, fsync, (r) => {
    markDurable(applyRecord(metadata, r.header as JournalRecord, r.dataPosition, r.dataLength));
  });
}
