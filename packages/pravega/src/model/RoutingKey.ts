// Routing key -> [0, 1). Pravega uses murmur3-128 over the key's UTF-16 code units; we mix the same code units
// with two 32-bit murmur-style lanes into 52 bits. Keys spread uniformly; the exact points differ from Java's
// (no interop with Java writers is claimed).
const TWO_52 = 2 ** 52;

export function hashRoutingKey(key: string): number {
  let h1 = 0x9747b28c;
  let h2 = 0x85ebca6b;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    h2 = Math.imul(h2 ^ c, 0x1b873593);
    h2 = (h2 << 13) | (h2 >>> 19);
  }
  h1 ^= key.length;
  h2 ^= h1;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x7feb352d);
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x846ca68b);
  h2 ^= h2 >>> 16;
  // 32 bits of h1 and 20 of h2 -> a 52-bit fraction.
  return ((h1 >>> 0) * 2 ** 20 + (h2 >>> 12)) / TWO_52;
}
