import {
  PravegaEventSink,
  PravegaOptionError,
  PravegaSource,
  PravegaTable,
  PravegaTransactionalSink,
  parseDuration,
  serializerFor,
} from '@dhara/connector-pravega';
import { type PravegaClient, type Serializer, StreamCut } from '@dhara/pravega';
import { describe, expect, test } from 'vitest';
import { jobPath, withEnv } from '../support/index.ts';
import type { OptOutRow } from './jobs/opt-roundtrip.ts';
import { createStream, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'opt-roundtrip');
const COMMON = { 'controller-uri': '127.0.0.1:9090', scope: 't', format: 'json' };
const SOURCE = { ...COMMON, 'scan.streams': 'in' };
const SINK = { ...COMMON, 'sink.stream': 'out' };

/** The PravegaOptionError `make` throws (failing the test if it throws nothing or something else). */
function optionError(make: () => unknown): PravegaOptionError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(PravegaOptionError);
    expect((error as PravegaOptionError).code).toBe('PRAVEGA_BAD_OPTION');
    return error as PravegaOptionError;
  }
  throw new Error('expected a PravegaOptionError, nothing was thrown');
}

describe('PravegaTable options: bad ones are refused, naming the key', () => {
  test('an unknown key, with the closest known key suggested', () => {
    const e = optionError(() => PravegaTable.source({ ...SOURCE, 'scan.stream': 'in' }));
    expect(e.key).toBe('scan.stream');
    expect(e.message).toMatch(/option 'scan.stream': unknown option \(did you mean 'scan.streams'\?\); known options:/);
    expect(optionError(() => PravegaTable.fromOptions({ ...SINK, 'json.fail-on-missing-field': 'true' })).key).toBe(
      'json.fail-on-missing-field',
    );
  });

  test('an upstream key this connector does not support is named as such, not as unknown', () => {
    const e = optionError(() => PravegaTable.source({ ...SOURCE, 'security.auth-type': 'Basic' }));
    expect(e.message).toMatch(
      /option 'security.auth-type': an option of Pravega's Flink connector .* no authentication/,
    );
  });

  test('a bad duration names the key, the value and the allowed form', () => {
    const e = optionError(() => PravegaTable.source({ ...SOURCE, 'scan.event-read.timeout.interval': '5 parsecs' }));
    expect(e.key).toBe('scan.event-read.timeout.interval');
    expect(e.message).toContain("'5 parsecs' is not a duration");
    expect(e.message).toContain('(ms, s, min, h, d)');
    const zero = optionError(() => PravegaTable.sink({ ...SINK, 'sink.txn-lease-renewal.interval': '0 s' }));
    expect(zero.key).toBe('sink.txn-lease-renewal.interval');
  });

  test('durations as Flink writes them', () => {
    expect(parseDuration('k', '5 s')).toBe(5_000);
    expect(parseDuration('k', '500ms')).toBe(500);
    expect(parseDuration('k', '1 min')).toBe(60_000);
    expect(parseDuration('k', '2h')).toBe(7_200_000);
    expect(parseDuration('k', '250')).toBe(250);
    expect(parseDuration('k', ' 3 Seconds ')).toBe(3_000);
  });

  test('a bad semantic, execution type, integer or format names the key, the value and what is allowed', () => {
    const semantic = optionError(() => PravegaTable.sink({ ...SINK, 'sink.semantic': 'twice' }));
    expect(semantic.key).toBe('sink.semantic');
    expect(semantic.message).toBe(
      "option 'sink.semantic': 'twice' is not allowed; expected one of none, at-least-once, exactly-once, best-effort",
    );
    const type = optionError(() => PravegaTable.source({ ...SOURCE, 'scan.execution.type': 'micro-batch' }));
    expect(type.message).toContain("'micro-batch' is not allowed; expected one of streaming, batch");
    const max = optionError(() =>
      PravegaTable.source({ ...SOURCE, 'scan.reader-group.max-outstanding-checkpoint-request': '-1' }),
    );
    expect(max.message).toContain("'-1' is not a positive whole number");
    const format = optionError(() => PravegaTable.sink({ ...SINK, format: 'avro' }));
    expect(format.key).toBe('format');
    expect(format.message).toContain("unknown format 'avro'; expected one of json, raw, msgpack");
  });

  test('missing required keys are named', () => {
    const { scope: _scope, ...noScope } = SINK;
    expect(optionError(() => PravegaTable.sink(noScope)).key).toBe('scope');
    const { format: _format, ...noFormat } = SOURCE;
    expect(optionError(() => PravegaTable.source(noFormat)).key).toBe('format');
    const { 'controller-uri': _uri, ...noController } = SOURCE;
    expect(optionError(() => PravegaTable.source(noController)).key).toBe('controller-uri');
    expect(optionError(() => PravegaTable.source(COMMON)).key).toBe('scan.streams');
    expect(optionError(() => PravegaTable.sink(COMMON)).key).toBe('sink.stream');
    expect(optionError(() => PravegaTable.fromOptions(COMMON)).message).toContain(
      'scan.streams (to read) or sink.stream',
    );
    expect(optionError(() => PravegaTable.fromOptions(SINK).source()).key).toBe('scan.streams');
  });

  test("one side's keys are refused by the other side's factory", () => {
    const onSink = optionError(() => PravegaTable.sink({ ...SINK, 'scan.streams': 'in' }));
    expect(onSink.key).toBe('scan.streams');
    expect(onSink.message).toContain('a source option given to PravegaTable.sink');
    const onSource = optionError(() => PravegaTable.source({ ...SOURCE, 'sink.semantic': 'exactly-once' }));
    expect(onSource.key).toBe('sink.semantic');
    expect(onSource.message).toContain('a sink option given to PravegaTable.source');
    // A table read and written alike takes both.
    const table = PravegaTable.fromOptions({ ...SOURCE, ...SINK, 'sink.semantic': 'exactly-once' });
    expect(table.source()).toBeInstanceOf(PravegaSource);
    expect(table.sink()).toBeInstanceOf(PravegaTransactionalSink);
  });

  test('other bad values: connector, controller-uri, blank, non-string, cuts, batch without end cuts, raw keys', () => {
    expect(optionError(() => PravegaTable.source({ ...SOURCE, connector: 'kafka' })).key).toBe('connector');
    expect(optionError(() => PravegaTable.source({ ...SOURCE, 'controller-uri': 'http://x' })).key).toBe(
      'controller-uri',
    );
    expect(optionError(() => PravegaTable.source({ ...SOURCE, 'scan.reader-group.name': ' ' })).message).toContain(
      'must not be empty',
    );
    const numeric = { ...SOURCE, 'scan.reader-group.max-outstanding-checkpoint-request': 3 } as unknown as Record<
      string,
      string
    >;
    expect(optionError(() => PravegaTable.source(numeric)).message).toContain('expected a string value');
    const cut = new StreamCut('t', 'a', new Map([[0, 0]])).toText();
    expect(
      optionError(() => PravegaTable.source({ ...SOURCE, 'scan.streams': 'a;b', 'scan.end-streamcuts': cut })).message,
    ).toContain('1 stream cut(s) for 2 stream(s)');
    expect(optionError(() => PravegaTable.source({ ...SOURCE, 'scan.start-streamcuts': 'nope' })).key).toBe(
      'scan.start-streamcuts',
    );
    expect(optionError(() => PravegaTable.source({ ...SOURCE, 'scan.streams': 'a; ;b' })).key).toBe('scan.streams');
    expect(optionError(() => PravegaTable.source({ ...SOURCE, 'scan.execution.type': 'batch' })).message).toContain(
      "'batch' needs scan.end-streamcuts",
    );
    const raw = optionError(() => PravegaTable.sink({ ...SINK, format: 'raw', 'sink.routing-key.field.name': 'k' }));
    expect(raw.key).toBe('sink.routing-key.field.name');
  });

  test('the lease must leave room for the recovery allowance', () => {
    const e = optionError(() =>
      PravegaTable.sink({
        ...SINK,
        'sink.semantic': 'exactly-once',
        'sink.txn-lease-renewal.interval': '5 s',
        'sink.txn-lease.recovery-allowance': '10 s',
      }),
    );
    expect(e.key).toBe('sink.txn-lease-renewal.interval');
    expect(e.message).toContain('the transaction lease (5000 ms) must exceed checkpoint interval + checkpoint timeout');
    expect(e.message).toContain('allowance (10000 ms');
    const ok = PravegaTable.sink({
      ...SINK,
      'sink.semantic': 'exactly-once',
      'sink.txn-lease-renewal.interval': '30 s',
      'sink.txn-lease.recovery-allowance': '5 s',
    }) as PravegaTransactionalSink<unknown>;
    expect({ lease: ok.leaseMs, declared: ok.transactionTimeoutMs }).toEqual({ lease: 30_000, declared: 25_000 });
    expect(PravegaTable.sink(SINK)).toBeInstanceOf(PravegaEventSink); // at-least-once by default, as upstream
  });

  test('formats: a record that does not decode fails naming the format', () => {
    expect(() => serializerFor('json').deserialize(Buffer.from('{not json'))).toThrow(
      /format 'json': cannot decode an event of 9 bytes \(starting 0x7b6e6f74206a736f6e\)/,
    );
    expect(() => serializerFor('raw').serialize(42)).toThrow(
      /format 'raw': cannot encode a record: expected a Uint8Array/,
    );
    const raw = serializerFor<Uint8Array | string>('raw');
    expect(Buffer.from(raw.deserialize(raw.serialize('héllo'))).toString('utf8')).toBe('héllo');
  });
});

async function readAll<T>(client: PravegaClient, stream: string, serializer: Serializer<T>): Promise<T[]> {
  const batch = client.batchClient();
  const out: T[] = [];
  for (const range of await batch.getSegments('t', stream)) {
    for await (const e of batch.readSegment(range, serializer)) out.push(e);
  }
  return out;
}

const setup = useStoreAndCluster();
const RECORDS = 400;
let runs = 0;

/** Writes RECORDS events in `format`, runs the table job over them, returns what the sink committed. */
async function roundTrip(format: 'json' | 'msgpack' | 'raw', extraEnv: Record<string, string> = {}) {
  const { store, cluster } = setup;
  const input = `opt-in${runs}`;
  const output = `opt-out${runs++}`;
  await createStream(store.client, input, 2);
  await createStream(store.client, output, 2);
  const serializer = serializerFor<unknown>(format);
  const writer = store.client.createEventWriter('t', input, serializer);
  await Promise.all(
    Array.from({ length: RECORDS }, (_, i) =>
      writer.writeEvent(`k${i % 5}`, format === 'raw' ? Buffer.from(`line-${i}`) : { i, key: `k${i % 5}` }),
    ),
  );
  await writer.close();
  const info = await store.client.streamManager().getStreamInfo('t', input);
  const env = {
    PRAVEGA_PORT: String(store.port),
    PRAVEGA_FORMAT: format,
    PRAVEGA_IN: input,
    PRAVEGA_OUT: output,
    PRAVEGA_END_CUT: info.tailStreamCut.toText(),
    ...extraEnv,
  };
  return withEnv(env, async () => {
    const job = await cluster.submit(JOB, { parallelism: 2 });
    await job.result();
    return await readAll(store.client, output, serializer);
  });
}

describe('PravegaTable options: a working source and sink in a real job', () => {
  test.each(['json', 'msgpack'] as const)(
    'format %s round trips through the store (batch read, exactly-once write)',
    { timeout: 30_000 },
    async (format) => {
      const rows = (await roundTrip(format)) as OptOutRow[];
      const expected = Array.from({ length: RECORDS }, (_, i): OptOutRow => ({ i, key: `k${i % 5}`, doubled: 2 * i }));
      expect([...rows].sort((a, b) => a.i - b.i)).toEqual(expected);
    },
  );

  test('format raw round trips bytes (written back from strings as UTF-8)', { timeout: 30_000 }, async () => {
    const rows = (await roundTrip('raw')) as Uint8Array[];
    const lines = rows.map((r) => Buffer.from(r).toString('utf8')).sort();
    expect(lines).toEqual(Array.from({ length: RECORDS }, (_, i) => `out:line-${i}`).sort());
  });

  test('a job whose checkpoint interval + timeout exceed lease - recovery allowance is refused at submit', async () => {
    // lease 30 s, default allowance 10 s: 100 ms + 25 s > 20 s.
    await expect(roundTrip('json', { PRAVEGA_LEASE: '30 s', PRAVEGA_CHECKPOINT_TIMEOUT_MS: '25000' })).rejects.toThrow(
      /declares transactionTimeoutMs 20000, but the checkpoint interval 100 ms \+ checkpoint timeout 25000 ms/,
    );
  });
});
