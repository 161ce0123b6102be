import { framedEvents, type StreamCut } from '../model/index.ts';
import type { Serializer } from '../serializers/index.ts';
import type { Connection } from './connection/index.ts';

/** One segment's events between two offsets: a unit of parallel batch reading. */
export interface SegmentRange {
  readonly scope: string;
  readonly stream: string;
  readonly segment: number;
  readonly startOffset: number;
  readonly endOffset: number;
}

/** Pravega's BatchClient: list segment ranges between two stream cuts and read each on its own (no order across). */
export class BatchClient {
  constructor(private readonly conn: Connection) {}

  /** Ranges between `from` (null = head) and `to` (null = current tail). */
  async getSegments(
    scope: string,
    stream: string,
    from: StreamCut | null = null,
    to: StreamCut | null = null,
  ): Promise<SegmentRange[]> {
    const r = await this.conn.call<{ segment: number; startOffset: number; endOffset: number }[]>(
      'getSegmentsBetween',
      { scope, stream, from: from ? [...from.positions] : null, to: to ? [...to.positions] : null },
    );
    return r.map((x) => ({ scope, stream, ...x }));
  }

  /** The events of one range, in segment order. */
  async *readSegment<T>(range: SegmentRange, serializer: Serializer<T>): AsyncGenerator<T> {
    let offset = range.startOffset;
    while (offset < range.endOffset) {
      const r = await this.conn.call<{ data: Uint8Array }>('read', {
        scope: range.scope,
        stream: range.stream,
        segment: range.segment,
        offset,
        maxBytes: Math.min(range.endOffset - offset, 1024 * 1024),
      });
      if (r.data.byteLength === 0) return;
      for (const payload of framedEvents(r.data)) yield serializer.deserialize(payload);
      offset += r.data.byteLength;
    }
  }
}
