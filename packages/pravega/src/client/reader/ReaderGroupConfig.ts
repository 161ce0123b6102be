import { type Checkpoint, StreamCut } from '../../model/index.ts';
import type { GroupConfig, GroupStreamConfig } from '../../readergroup/index.ts';

/** What a reader group reads: streams (in the group's scope unless `scope` is given) with optional bounds. */
export interface ReaderGroupConfig {
  readonly streams: readonly (string | { scope?: string; stream: string; startCut?: StreamCut; endCut?: StreamCut })[];
  /** At most this many checkpoints may be outstanding (default 3); beyond, MAX_CHECKPOINTS_EXCEEDED. */
  readonly maxOutstandingCheckpointRequest?: number;
}

export function toGroupConfig(scope: string, config: ReaderGroupConfig): GroupConfig {
  const streams: GroupStreamConfig[] = config.streams.map((s) => {
    if (typeof s === 'string') {
      const [a, b] = s.includes('/') ? s.split('/') : [scope, s];
      return { scope: a!, stream: b!, start: null, end: null };
    }
    return {
      scope: s.scope ?? scope,
      stream: s.stream,
      start: s.startCut ? [...s.startCut.positions] : null,
      end: s.endCut ? [...s.endCut.positions] : null,
    };
  });
  return { streams, maxOutstandingCheckpointRequest: config.maxOutstandingCheckpointRequest ?? 3 };
}

/** The same streams and end bounds, started from a checkpoint's cuts. */
export function fromCheckpoint(config: GroupConfig, checkpoint: Checkpoint): GroupConfig {
  return {
    ...config,
    streams: config.streams.map((s) => {
      const cut = checkpoint.streamCuts.get(`${s.scope}/${s.stream}`);
      return { ...s, start: cut ? [...cut.positions] : s.start };
    }),
  };
}

export function cutsOf(positions: Iterable<[string, number]>): Map<string, StreamCut> {
  const byStream = new Map<string, Map<number, number>>();
  for (const [key, offset] of positions) {
    const i = key.lastIndexOf('/');
    const stream = key.slice(0, i);
    let m = byStream.get(stream);
    if (!m) {
      m = new Map();
      byStream.set(stream, m);
    }
    m.set(Number(key.slice(i + 1)), offset);
  }
  const out = new Map<string, StreamCut>();
  for (const [stream, positions] of byStream) {
    const [scope, name] = stream.split('/');
    out.set(stream, new StreamCut(scope!, name!, positions));
  }
  return out;
}
