import type { StoreAddress } from '../client/index.ts';
import { PravegaOptionError } from '../errors/index.ts';
import type { PravegaSinkOptions, SinkSemantic } from '../sink/index.ts';
import type { FlatOptions } from './FlatOptions.ts';
import { type PravegaFormat, serializerFor } from './formats.ts';

/** The typed sink options a table's flat options describe (validated further by `resolveSinkOptions`). */
export function sinkOptionsFrom<T>(
  flat: FlatOptions,
  scope: string,
  format: PravegaFormat,
  controller: StoreAddress,
): PravegaSinkOptions<T> {
  const stream = flat.required('sink.stream', 'to write (the output stream)');
  // `best-effort` is upstream's name for `none`.
  const semantic: SinkSemantic =
    flat.oneOf('sink.semantic', ['none', 'at-least-once', 'exactly-once'] as const, { 'best-effort': 'none' }) ??
    'at-least-once';
  const lease = flat.duration('sink.txn-lease-renewal.interval');
  const recovery = flat.duration('sink.txn-lease.recovery-allowance', true);
  const routingKey = flat.string('sink.routing-key.field.name');
  if (routingKey !== undefined && format === 'raw') {
    throw new PravegaOptionError('sink.routing-key.field.name', "format 'raw' records are bytes, they have no fields");
  }
  return {
    controller,
    scope,
    stream,
    semantic,
    serializer: serializerFor<T>(format),
    ...(routingKey === undefined ? {} : { routingKey }),
    ...(lease === undefined ? {} : { transactionTimeoutMs: lease }),
    ...(recovery === undefined ? {} : { recoveryAllowanceMs: recovery }),
  };
}
