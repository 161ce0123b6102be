import { pack, unpack } from 'msgpackr';

/** Turns an application's event into bytes and back (Pravega's `Serializer<T>`). */
export interface Serializer<T> {
  serialize(value: T): Uint8Array;
  deserialize(bytes: Uint8Array): T;
}

export class JsonSerializer<T = unknown> implements Serializer<T> {
  serialize(value: T): Uint8Array {
    return Buffer.from(JSON.stringify(value), 'utf8');
  }
  deserialize(bytes: Uint8Array): T {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T;
  }
}

export class Utf8StringSerializer implements Serializer<string> {
  serialize(value: string): Uint8Array {
    return Buffer.from(value, 'utf8');
  }
  deserialize(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
}

export class MsgpackSerializer<T = unknown> implements Serializer<T> {
  serialize(value: T): Uint8Array {
    return pack(value);
  }
  deserialize(bytes: Uint8Array): T {
    return unpack(bytes) as T;
  }
}

/** Raw bytes, untouched. */
export class BytesSerializer implements Serializer<Uint8Array> {
  serialize(value: Uint8Array): Uint8Array {
    return value;
  }
  deserialize(bytes: Uint8Array): Uint8Array {
    return bytes;
  }
}
