import { type KeyRange, type SegmentWithRange, type StreamConfiguration, StreamCut } from '../model/index.ts';
import type { Connection } from './connection/index.ts';

export interface StreamInfo {
  readonly scope: string;
  readonly stream: string;
  readonly sealed: boolean;
  readonly epoch: number;
  readonly config: StreamConfiguration;
  readonly activeSegments: SegmentWithRange[];
  /** Earliest readable point and the current durable tail. */
  readonly headStreamCut: StreamCut;
  readonly tailStreamCut: StreamCut;
}

/** Pravega's StreamManager: scopes, streams, scaling, sealing, truncation, info. */
export class StreamManager {
  constructor(private readonly conn: Connection) {}

  async createScope(scope: string): Promise<boolean> {
    return (await this.conn.call<{ created: boolean }>('createScope', { scope })).created;
  }

  async deleteScope(scope: string): Promise<boolean> {
    return (await this.conn.call<{ deleted: boolean }>('deleteScope', { scope })).deleted;
  }

  listScopes(): Promise<string[]> {
    return this.conn.call('listScopes', {});
  }

  /** Streams of a scope (the internal `_RG...` reader-group streams are left out). */
  async listStreams(scope: string): Promise<string[]> {
    return (await this.conn.call<string[]>('listStreams', { scope })).filter((s) => !s.startsWith('_'));
  }

  async createStream(scope: string, stream: string, config?: StreamConfiguration): Promise<boolean> {
    return (await this.conn.call<{ created: boolean }>('createStream', { scope, stream, config })).created;
  }

  async sealStream(scope: string, stream: string): Promise<void> {
    await this.conn.call('sealStream', { scope, stream });
  }

  /** Deletes a sealed stream. */
  async deleteStream(scope: string, stream: string): Promise<boolean> {
    return (await this.conn.call<{ deleted: boolean }>('deleteStream', { scope, stream })).deleted;
  }

  /**
   * Seal `sealedSegments` (adjacent, active) and create successors owning `newRanges` (which must cover exactly
   * the sealed ranges) in a new epoch: a split, a merge, or both. Resolves with the new active segments.
   */
  async scaleStream(
    scope: string,
    stream: string,
    sealedSegments: readonly number[],
    newRanges: readonly KeyRange[],
  ): Promise<SegmentWithRange[]> {
    const r = await this.conn.call<{ segments: SegmentWithRange[] }>('scaleStream', {
      scope,
      stream,
      sealed: [...sealedSegments],
      ranges: newRanges.map((k) => ({ low: k.low, high: k.high })),
    });
    return r.segments;
  }

  /** Drop everything before `cut` for readers (the bytes stay in the journal: no space is reclaimed). */
  async truncateStream(scope: string, stream: string, cut: StreamCut): Promise<void> {
    await this.conn.call('truncateStream', { scope, stream, cut: [...cut.positions] });
  }

  async getStreamInfo(scope: string, stream: string): Promise<StreamInfo> {
    const r = await this.conn.call<{
      sealed: boolean;
      epoch: number;
      config: StreamConfiguration;
      activeSegments: SegmentWithRange[];
      head: [number, number][];
      tail: [number, number][];
    }>('getStreamInfo', { scope, stream });
    return {
      scope,
      stream,
      sealed: r.sealed,
      epoch: r.epoch,
      config: r.config,
      activeSegments: r.activeSegments,
      headStreamCut: new StreamCut(scope, stream, new Map(r.head)),
      tailStreamCut: new StreamCut(scope, stream, new Map(r.tail)),
    };
  }

  async getActiveSegments(scope: string, stream: string): Promise<SegmentWithRange[]> {
    return (await this.conn.call<{ segments: SegmentWithRange[] }>('getCurrentSegments', { scope, stream })).segments;
  }
}
