import type { Key } from '@dhara/core';

const scratch = new DataView(new ArrayBuffer(8));

/** Java's `String.hashCode`: the polynomial with factor 31 over UTF-16 code units. */
function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Java's `Long.hashCode`: the two 32-bit halves XORed. */
function longHash(value: bigint): number {
  const v = BigInt.asUintN(64, value);
  return Number(BigInt.asIntN(32, v ^ (v >> 32n)));
}

/** Java's `Double.hashCode` over the IEEE bits (with Java's canonical NaN). */
function doubleHash(value: number): number {
  scratch.setFloat64(0, Number.isNaN(value) ? Number.NaN : value === 0 ? 0 : value);
  return (scratch.getInt32(0) ^ scratch.getInt32(4)) | 0;
}

/**
 * A key's hash code, the way Java computes it for the matching type, so that keys land in the same key groups as in
 * Flink: strings as `String`, 32-bit integers as `Integer`, other safe integers and bigints as `Long`, other numbers
 * as `Double`, booleans as `Boolean`. (-0 and 0 are one key, as they are in a JS Map.)
 */
export function keyHashCode(key: Key): number {
  switch (typeof key) {
    case 'string':
      return stringHash(key);
    case 'number':
      if ((key | 0) === key) return key;
      if (Number.isSafeInteger(key)) return longHash(BigInt(key));
      return doubleHash(key);
    case 'bigint':
      return longHash(key);
    case 'boolean':
      return key ? 1231 : 1237;
    default:
      throw new TypeError(`a key must be a string, number, bigint or boolean, got ${typeof key}`);
  }
}
