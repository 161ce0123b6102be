import type { StreamMetadata, TxnMetadata } from '../controller/index.ts';
import {
  ScopeNotFoundError,
  SegmentNotFoundError,
  StreamNotFoundError,
  TxnFailedError,
  TxnNotFoundError,
} from '../errors/index.ts';
import type { Segment } from '../segmentstore/index.ts';

/**
 * The store's metadata in memory, rebuilt from the journal on open (Pravega's stream metadata store): scopes, streams
 * with their segments of every epoch, and transactions with their shadow segments. `applyRecord` is what adds and
 * removes entries; the handlers look things up here, and the lookups throw the not-found errors clients see.
 */
export class ControllerMetadata {
  readonly scopes = new Set<string>();
  /** By `streamKey(scope, stream)`. */
  readonly streams = new Map<string, StreamMetadata>();
  readonly txns = new Map<string, TxnMetadata>();

  /** The stream, or undefined (no error) if it does not exist. */
  findStream(scope: string, stream: string): StreamMetadata | undefined {
    return this.streams.get(streamKey(scope, stream));
  }

  stream(scope: string, stream: string): StreamMetadata {
    const s = this.streams.get(streamKey(scope, stream));
    if (!s) {
      if (!this.scopes.has(scope)) throw new ScopeNotFoundError(scope);
      throw new StreamNotFoundError(scope, stream);
    }
    return s;
  }

  /** A stream's segment, or with `txn` that segment's shadow in an OPEN transaction. */
  segmentFor(scope: string, stream: string, segment: number, txn?: string): Segment {
    if (txn !== undefined) {
      const t = this.txn(txn);
      if (t.state !== 'OPEN') throw new TxnFailedError(txn, `is ${t.state}, not OPEN`);
      const shadow = t.shadows.get(segment);
      if (!shadow) throw new SegmentNotFoundError(`${scope}/${stream}/${segment}#transaction.${txn}`);
      return shadow;
    }
    const seg = this.stream(scope, stream).segments.get(segment);
    if (!seg) throw new SegmentNotFoundError(`${scope}/${stream}/${segment}`);
    return seg;
  }

  txn(id: string): TxnMetadata {
    const t = this.txns.get(id);
    if (!t) throw new TxnNotFoundError(id);
    return t;
  }
}

export function streamKey(scope: string, stream: string): string {
  return `${scope}/${stream}`;
}
