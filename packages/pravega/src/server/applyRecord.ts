import { StreamMetadata } from '../controller/index.ts';
import { txnSegmentName } from '../model/index.ts';
import { Segment } from '../segmentstore/index.ts';
import { applyTxnCommit } from './applyTxnCommit.ts';
import { type ControllerMetadata, streamKey } from './ControllerMetadata.ts';
import type { JournalRecord } from './JournalRecord.ts';
import type { Touched } from './touchedSegments.ts';

/**
 * What each journal record does to the in-memory model. The same function runs when a record is first journaled
 * (StoreEngine.record) and when the journal is replayed on open (replayJournal), so a restart rebuilds exactly the
 * state that was acknowledged. Requests are validated before their record is journaled; here a record is trusted.
 * `dataPosition`/`dataLength` locate an `append`'s bytes in the journal file.
 */
export function applyRecord(
  metadata: ControllerMetadata,
  rec: JournalRecord,
  dataPosition: number,
  dataLength: number,
): Touched {
  switch (rec.op) {
    case 'scope.create':
      metadata.scopes.add(rec.scope);
      return [];
    case 'scope.delete':
      metadata.scopes.delete(rec.scope);
      return [];
    case 'stream.create':
      metadata.streams.set(
        streamKey(rec.scope, rec.stream),
        new StreamMetadata(rec.scope, rec.stream, rec.config, rec.ranges),
      );
      return [];
    case 'stream.delete':
      metadata.streams.delete(streamKey(rec.scope, rec.stream));
      return [];
    case 'stream.seal': {
      const s = metadata.streams.get(streamKey(rec.scope, rec.stream))!;
      s.sealed = true;
      const segs = s.active.map((id) => s.segments.get(id)!);
      for (const seg of segs) seg.sealed = true;
      return segs.map((seg) => [seg, seg.length, true]);
    }
    case 'stream.scale': {
      const s = metadata.streams.get(streamKey(rec.scope, rec.stream))!;
      s.applyScale(rec.sealed, rec.ranges);
      return rec.sealed.map((id) => {
        const seg = s.segments.get(id)!;
        return [seg, seg.length, true];
      });
    }
    case 'stream.truncate': {
      const s = metadata.streams.get(streamKey(rec.scope, rec.stream))!;
      const cut = new Map(rec.cut);
      for (const id of s.ancestorsOf(cut.keys())) {
        const seg = s.segments.get(id)!;
        seg.startOffset = seg.length;
      }
      for (const [id, offset] of cut) {
        const seg = s.segments.get(id)!;
        seg.startOffset = Math.max(seg.startOffset, offset);
      }
      s.head = cut;
      return [];
    }
    case 'append': {
      const seg = metadata.segmentFor(rec.scope, rec.stream, rec.segment, rec.txn);
      seg.addExtent(dataPosition, dataLength);
      if (rec.writer !== undefined && rec.eventNumber !== undefined) seg.writers.set(rec.writer, rec.eventNumber);
      return [[seg, seg.length, false]];
    }
    case 'txn.create': {
      const s = metadata.streams.get(streamKey(rec.scope, rec.stream))!;
      const shadows = new Map<number, Segment>();
      for (const id of s.active) {
        const parent = s.segments.get(id)!;
        shadows.set(id, new Segment(id, txnSegmentName(rec.scope, rec.stream, id, rec.id), parent.range));
      }
      metadata.txns.set(rec.id, {
        id: rec.id,
        scope: rec.scope,
        stream: rec.stream,
        epoch: s.epoch,
        shadows,
        state: 'OPEN',
        leaseMs: rec.leaseMs,
        deadline: Date.now() + rec.leaseMs,
      });
      return [];
    }
    case 'txn.commit':
      return applyTxnCommit(metadata, metadata.txns.get(rec.id)!);
    case 'txn.abort': {
      const t = metadata.txns.get(rec.id)!;
      t.state = 'ABORTED';
      t.shadows.clear();
      return [];
    }
  }
}
