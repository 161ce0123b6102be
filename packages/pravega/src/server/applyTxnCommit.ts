import type { TxnMetadata } from '../controller/index.ts';
import { type ControllerMetadata, streamKey } from './ControllerMetadata.ts';
import type { Touched } from './touchedSegments.ts';

/**
 * The effect of a `txn.commit` record: the second half of the commit path, after TransactionManager.commitTxn
 * journaled it (in Pravega, the controller's commit request handler). Every shadow segment is merged at its parent's
 * tail, all in this one record, so all or none survives a crash; extents move, bytes do not. If a scale sealed the
 * parents, the transaction rolls forward as in Pravega: a new epoch duplicating the transaction's ranges receives
 * the merges and is sealed at once, then another epoch duplicates the ranges that were active. Readers reach the
 * transaction's events after everything before them, per key.
 */
export function applyTxnCommit(metadata: ControllerMetadata, t: TxnMetadata): Touched {
  const s = metadata.streams.get(streamKey(t.scope, t.stream))!;
  const touched: Touched = [];
  const parentsActive = [...t.shadows.keys()].every((id) => !s.segments.get(id)!.sealed);
  if (parentsActive) {
    for (const [id, shadow] of t.shadows) {
      const parent = s.segments.get(id)!;
      for (const e of shadow.extents) parent.addExtent(e.filePosition, e.length);
      touched.push([parent, parent.length, false]);
    }
  } else {
    const wasActive = s.activeWithRanges();
    const shadows = [...t.shadows.values()];
    const dups = s.applyScale(
      wasActive.map((a) => a.id),
      shadows.map((sh) => sh.range),
    );
    for (const a of wasActive) touched.push([s.segments.get(a.id)!, s.segments.get(a.id)!.length, true]);
    for (const dup of dups) {
      const shadow = shadows.find((sh) => sh.range.low === dup.range.low)!;
      for (const e of shadow.extents) dup.addExtent(e.filePosition, e.length);
    }
    s.applyScale(
      dups.map((d) => d.id),
      wasActive,
    );
    for (const dup of dups) touched.push([dup, dup.length, true]);
  }
  t.state = 'COMMITTED';
  t.shadows.clear();
  return touched;
}
