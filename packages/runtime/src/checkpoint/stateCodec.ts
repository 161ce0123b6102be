import { Packr } from 'msgpackr';

/**
 * Encodes state for checkpoints: plain objects as msgpack records, Maps as msgpack maps that decode back to Maps
 * (window contents and map state are Maps), bigints, undefined and typed keys preserved.
 */
const packr = new Packr({ useRecords: true, mapsAsObjects: false, largeBigIntToFloat: false });

export function encodeState(value: unknown): Uint8Array {
  return packr.pack(value);
}

export function decodeState<T>(bytes: Uint8Array): T {
  return packr.unpack(bytes) as T;
}
