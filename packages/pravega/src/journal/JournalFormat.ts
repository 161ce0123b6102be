import { crc32 } from 'node:zlib';
import { pack } from 'msgpackr';

// One journal record on disk:
//   u32 bodyLength | u32 crc32(body) | body
//   body = u32 headerLength | header (msgpack) | data (raw bytes, e.g. framed events)
// A record whose length or checksum does not match ends the journal: it is a torn tail and is cut off.
export const RECORD_PREFIX_BYTES = 8;
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface EncodedRecord {
  /** Prefix + body head; `data` follows it on disk. */
  readonly head: Buffer;
  readonly data: Uint8Array | undefined;
  readonly totalBytes: number;
  /** Offset of `data` from the record's start. */
  readonly dataOffset: number;
}

export function encodeRecord(header: unknown, data: Uint8Array | undefined): EncodedRecord {
  const headerBytes = pack(header);
  const dataLength = data?.byteLength ?? 0;
  const bodyLength = 4 + headerBytes.length + dataLength;
  const head = Buffer.allocUnsafe(RECORD_PREFIX_BYTES + 4 + headerBytes.length);
  head.writeUInt32BE(bodyLength, 0);
  head.writeUInt32BE(headerBytes.length, 8);
  headerBytes.copy(head, 12);
  let crc = crc32(head.subarray(8));
  if (data !== undefined && dataLength > 0) crc = crc32(data, crc);
  head.writeUInt32BE(crc, 4);
  return { head, data, totalBytes: head.length + dataLength, dataOffset: head.length };
}

export function checksumOf(body: Uint8Array): number {
  return crc32(body);
}
