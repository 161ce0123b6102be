import type { StoreAddress } from '../client/index.ts';
import { PravegaOptionError } from '../errors/index.ts';
import type { PravegaSourceOptions } from '../source/index.ts';
import type { FlatOptions } from './FlatOptions.ts';
import { type PravegaFormat, serializerFor } from './formats.ts';

/** Per stream, the cut at the same position of a `;` list (Flink's `scan.start-streamcuts` / `scan.end-streamcuts`). */
function cutsByStream(
  flat: FlatOptions,
  key: 'scan.start-streamcuts' | 'scan.end-streamcuts',
  streams: readonly string[],
): Record<string, string> | undefined {
  const cuts = flat.list(key);
  if (cuts === undefined) return undefined;
  if (cuts.length !== streams.length) {
    throw new PravegaOptionError(
      key,
      `${cuts.length} stream cut(s) for ${streams.length} stream(s) in scan.streams; give one per stream, in order`,
    );
  }
  return Object.fromEntries(streams.map((stream, i) => [stream, cuts[i]!]));
}

/** The typed source options a table's flat options describe (validated further by `resolveSourceOptions`). */
export function sourceOptionsFrom<T>(
  flat: FlatOptions,
  scope: string,
  format: PravegaFormat,
  controller: StoreAddress,
): PravegaSourceOptions<T> {
  const streams = flat.list('scan.streams');
  if (streams === undefined) throw new PravegaOptionError('scan.streams', "missing: required to read (';' list)");
  const duplicate = streams.find((s, i) => streams.indexOf(s) !== i);
  if (duplicate !== undefined) throw new PravegaOptionError('scan.streams', `'${duplicate}' is listed twice`);
  const startCuts = cutsByStream(flat, 'scan.start-streamcuts', streams);
  const endCuts = cutsByStream(flat, 'scan.end-streamcuts', streams);
  // Batch is a bounded read up to the end cuts (no segment-range splits, see the README).
  const execution = flat.oneOf('scan.execution.type', ['streaming', 'batch'] as const) ?? 'streaming';
  if (execution === 'batch' && endCuts === undefined) {
    throw new PravegaOptionError(
      'scan.execution.type',
      "'batch' needs scan.end-streamcuts (one per stream): a batch read here is a bounded read up to the end cuts",
    );
  }
  const readerGroup = flat.string('scan.reader-group.name');
  const maxOutstanding = flat.positiveInt('scan.reader-group.max-outstanding-checkpoint-request');
  const readTimeout = flat.duration('scan.event-read.timeout.interval');
  const initiateTimeout = flat.duration('scan.reader-group.checkpoint-initiate-timeout.interval');
  return {
    controller,
    scope,
    streams,
    serializer: serializerFor<T>(format),
    ...(readerGroup === undefined ? {} : { readerGroup }),
    ...(startCuts === undefined ? {} : { startCuts }),
    ...(endCuts === undefined ? {} : { endCuts }),
    ...(maxOutstanding === undefined ? {} : { maxOutstandingCheckpointRequest: maxOutstanding }),
    ...(readTimeout === undefined ? {} : { eventReadTimeoutMs: readTimeout }),
    ...(initiateTimeout === undefined ? {} : { checkpointInitiateTimeoutMs: initiateTimeout }),
  };
}
