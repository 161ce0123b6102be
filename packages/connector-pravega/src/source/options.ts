import { JsonSerializer, type ReaderGroupConfig, type Serializer, StreamCut } from '@dhara/pravega';
import type { StoreAddress } from '../client/index.ts';
import { PravegaOptionError } from '../errors/index.ts';

export interface PravegaSourceOptions<T> {
  readonly controller: StoreAddress;
  readonly scope: string;
  /** Streams to read (in `scope`, or `otherScope/stream`). */
  readonly streams: readonly string[];
  /** The reader group; one per job (default `dhara-<first stream>`). */
  readonly readerGroup?: string;
  readonly serializer?: Serializer<T>;
  /** Per stream: where to start (a StreamCut or its text). Default: the head. */
  readonly startCuts?: Readonly<Record<string, StreamCut | string>>;
  /** Per stream: where to end (a StreamCut or its text). With end cuts the source is bounded. */
  readonly endCuts?: Readonly<Record<string, StreamCut | string>>;
  /** How long one `readNextEvent` waits (default 200 ms). */
  readonly eventReadTimeoutMs?: number;
  /** How long the master hook waits for a reader-group checkpoint (default 5000 ms). */
  readonly checkpointInitiateTimeoutMs?: number;
  /** Default 3. */
  readonly maxOutstandingCheckpointRequest?: number;
  /** Event time of an event (else no timestamp). */
  readonly timestampOf?: (event: T) => number;
}

export interface ResolvedSourceOptions<T> {
  readonly controller: StoreAddress;
  readonly scope: string;
  readonly readerGroup: string;
  readonly serializer: Serializer<T>;
  readonly groupConfig: ReaderGroupConfig;
  readonly bounded: boolean;
  readonly eventReadTimeoutMs: number;
  readonly checkpointInitiateTimeoutMs: number;
  readonly timestampOf: ((event: T) => number) | undefined;
}

const cutOf = (key: string, cut: StreamCut | string): StreamCut => {
  if (typeof cut !== 'string') return cut;
  try {
    return StreamCut.fromText(cut);
  } catch (error) {
    throw new PravegaOptionError(key, `not a stream cut: ${(error as Error).message}`);
  }
};

function positiveInt(key: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v <= 0) throw new PravegaOptionError(key, `expected a positive integer, got ${v}`);
  return v;
}

export function resolveSourceOptions<T>(o: PravegaSourceOptions<T>): ResolvedSourceOptions<T> {
  if (typeof o.scope !== 'string' || o.scope === '')
    throw new PravegaOptionError('scope', 'must be a non-empty string');
  if (!Array.isArray(o.streams) || o.streams.length === 0) {
    throw new PravegaOptionError('scan.streams', 'must name at least one stream');
  }
  for (const key of Object.keys({ ...o.startCuts, ...o.endCuts })) {
    if (!o.streams.includes(key)) throw new PravegaOptionError('scan.streams', `a cut is given for '${key}', not read`);
  }
  const streams = o.streams.map((stream) => {
    const start = o.startCuts?.[stream];
    const end = o.endCuts?.[stream];
    return {
      stream,
      ...(start === undefined ? {} : { startCut: cutOf('scan.start-streamcuts', start) }),
      ...(end === undefined ? {} : { endCut: cutOf('scan.end-streamcuts', end) }),
    };
  });
  const max = positiveInt('scan.reader-group.max-outstanding-checkpoint-request', o.maxOutstandingCheckpointRequest, 3);
  const bounded = o.endCuts !== undefined && Object.keys(o.endCuts).length > 0;
  if (bounded && o.streams.some((s) => o.endCuts?.[s] === undefined)) {
    throw new PravegaOptionError('scan.end-streamcuts', 'a bounded read needs an end cut for every stream');
  }
  return {
    controller: o.controller,
    scope: o.scope,
    readerGroup: o.readerGroup ?? `dhara-${o.streams[0]!.replace(/[^A-Za-z0-9-]/g, '-')}`,
    serializer: o.serializer ?? new JsonSerializer<T>(),
    groupConfig: { streams, maxOutstandingCheckpointRequest: max },
    bounded,
    eventReadTimeoutMs: positiveInt('scan.event-read.timeout.interval', o.eventReadTimeoutMs, 200),
    checkpointInitiateTimeoutMs: positiveInt(
      'scan.reader-group.checkpoint-initiate-timeout.interval',
      o.checkpointInitiateTimeoutMs,
      5000,
    ),
    timestampOf: o.timestampOf,
  };
}
