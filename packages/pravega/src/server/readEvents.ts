import { StoreError } from '../errors/index.ts';
import type { Journal } from '../journal/index.ts';
import { EVENT_HEADER_BYTES, MAX_EVENT_BYTES } from '../model/index.ts';
import type { Segment } from '../segmentstore/index.ts';

/** Reading back from the journal file by position: all a segment read needs of the journal. */
export type JournalReader = Pick<Journal, 'read'>;

/**
 * The read path under SegmentStore.read: whole events of `seg` from `offset`, about `maxBytes` (at least one event,
 * however large). Only durable bytes are asked for; the segment's extents say where they sit in the journal file.
 */
export async function readEvents(
  journal: JournalReader,
  seg: Segment,
  offset: number,
  maxBytes: number,
): Promise<Buffer> {
  const to = Math.min(seg.durableLength, offset + Math.max(maxBytes, EVENT_HEADER_BYTES));
  let buf = await readRange(journal, seg, offset, to);
  let at = 0;
  while (at + EVENT_HEADER_BYTES <= buf.length) {
    const len = buf.readInt32BE(at + 4);
    if (len < 0 || len > MAX_EVENT_BYTES) throw new StoreError('STORE_FAILED', `corrupt event header in '${seg.name}'`);
    if (at + EVENT_HEADER_BYTES + len > buf.length) break;
    at += EVENT_HEADER_BYTES + len;
  }
  if (at === 0) {
    // The first event is larger than maxBytes: read exactly it.
    const len = buf.readInt32BE(4);
    buf = await readRange(journal, seg, offset, offset + EVENT_HEADER_BYTES + len);
    return buf;
  }
  return buf.subarray(0, at);
}

/** Segment bytes [from, to): one pread per extent they span, in parallel. */
async function readRange(journal: JournalReader, seg: Segment, from: number, to: number): Promise<Buffer> {
  const parts = await Promise.all(seg.slices(from, to).map((s) => journal.read(s.filePosition, s.length)));
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
