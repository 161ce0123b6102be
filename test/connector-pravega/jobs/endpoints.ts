// The Pravega source and exactly-once sink the connector's test jobs share, configured from the environment the
// tests set: PRAVEGA_PORT, PRAVEGA_SCOPE, PRAVEGA_IN (+ PRAVEGA_END_CUT for a bounded read) and PRAVEGA_OUT.
import { PravegaSink, PravegaSource } from '@dhara/connector-pravega';

const controller = (): string => `127.0.0.1:${process.env.PRAVEGA_PORT}`;

/** Reads PRAVEGA_IN with reader group `rg-<stream>`; bounded by PRAVEGA_END_CUT when `bounded`. */
export function testSource<T>(bounded: boolean): PravegaSource<T> {
  const stream = process.env.PRAVEGA_IN!;
  return new PravegaSource<T>({
    controller: controller(),
    scope: process.env.PRAVEGA_SCOPE!,
    streams: [stream],
    readerGroup: `rg-${stream}`,
    ...(bounded ? { endCuts: { [stream]: process.env.PRAVEGA_END_CUT! } } : {}),
    eventReadTimeoutMs: 50,
  });
}

/** Writes PRAVEGA_OUT exactly-once, routed by the `key` field. */
export function testExactlyOnceSink<T extends { readonly key: string }>() {
  return PravegaSink.exactlyOnce<T>({
    controller: controller(),
    scope: process.env.PRAVEGA_SCOPE!,
    stream: process.env.PRAVEGA_OUT!,
    routingKey: 'key',
    transactionTimeoutMs: 30_000,
  });
}
