import type { GroupConfig, GroupUpdate, SegmentKey } from '../../readergroup/index.ts';
import { segmentKey } from '../../readergroup/index.ts';
import type { Connection } from '../connection/index.ts';

/** The `init` update for a config: start cuts (or each stream's head) become the unassigned segments. */
export async function initUpdate(conn: Connection, config: GroupConfig, generation: number): Promise<GroupUpdate> {
  const segments: [SegmentKey, number][] = [];
  const endOffsets: [SegmentKey, number][] = [];
  for (const s of config.streams) {
    let start = s.start;
    if (!start) {
      const info = await conn.call<{ head: [number, number][] }>('getStreamInfo', { scope: s.scope, stream: s.stream });
      start = info.head;
    } else {
      await conn.call('getStreamInfo', { scope: s.scope, stream: s.stream });
    }
    for (const [id, off] of start) segments.push([segmentKey(s.scope, s.stream, id), off]);
    for (const [id, off] of s.end ?? []) endOffsets.push([segmentKey(s.scope, s.stream, id), off]);
  }
  return { t: 'init', generation, config, segments, endOffsets };
}
