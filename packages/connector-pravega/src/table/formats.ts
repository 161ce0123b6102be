import { JsonSerializer, MsgpackSerializer, type Serializer } from '@dhara/pravega';
import { PravegaFormatError, PravegaOptionError } from '../errors/index.ts';

/** The `format` option: how an event's bytes become a record and back. */
export type PravegaFormat = 'json' | 'raw' | 'msgpack';
export const FORMATS: readonly PravegaFormat[] = ['json', 'raw', 'msgpack'];

/**
 * `raw`: the event's bytes as they are, read as a `Uint8Array`; written from a `Uint8Array`, or from a string as its
 * UTF-8 bytes (Flink's raw format with `raw.charset` UTF-8). Anything else is refused.
 */
class RawSerializer implements Serializer<Uint8Array | string> {
  serialize(value: Uint8Array | string): Uint8Array {
    if (value instanceof Uint8Array) return value;
    if (typeof value === 'string') return Buffer.from(value, 'utf8');
    throw new Error(`expected a Uint8Array or a string, got ${value === null ? 'null' : typeof value}`);
  }
  deserialize(bytes: Uint8Array): Uint8Array {
    // A copy: the reader's buffer may be reused.
    return new Uint8Array(bytes);
  }
}

/** Wraps a serializer so that a record that does not encode or decode fails with an error naming the format. */
class FormatSerializer<T> implements Serializer<T> {
  constructor(
    private readonly format: PravegaFormat,
    private readonly inner: Serializer<T>,
  ) {}

  serialize(value: T): Uint8Array {
    let bytes: Uint8Array | undefined;
    try {
      bytes = this.inner.serialize(value);
    } catch (error) {
      throw new PravegaFormatError(this.format, `cannot encode a record: ${(error as Error).message}`, error);
    }
    // JSON.stringify(undefined) has no text: refuse rather than write something else.
    if (!(bytes instanceof Uint8Array)) throw new PravegaFormatError(this.format, 'a record encoded to nothing');
    return bytes;
  }

  deserialize(bytes: Uint8Array): T {
    try {
      return this.inner.deserialize(bytes);
    } catch (error) {
      const head = Buffer.from(bytes.subarray(0, 32)).toString('hex');
      throw new PravegaFormatError(
        this.format,
        `cannot decode an event of ${bytes.byteLength} bytes (starting 0x${head}): ${(error as Error).message}`,
        error,
      );
    }
  }
}

export function parseFormat(value: string): PravegaFormat {
  const format = value.trim().toLowerCase() as PravegaFormat;
  if (!FORMATS.includes(format)) {
    throw new PravegaOptionError('format', `unknown format '${value}'; expected one of ${FORMATS.join(', ')}`);
  }
  return format;
}

/** The serializer of `format`. The record type is the caller's promise: `raw` records are bytes (or strings). */
export function serializerFor<T>(format: PravegaFormat): Serializer<T> {
  const inner =
    format === 'json'
      ? new JsonSerializer<T>()
      : format === 'msgpack'
        ? new MsgpackSerializer<T>()
        : (new RawSerializer() as unknown as Serializer<T>);
  return new FormatSerializer(format, inner);
}
