import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  assignToKeyGroup,
  keyGroupRangeForSubtask,
  keyHashCode,
  murmurHash,
  operatorIndexForKeyGroup,
} from '../../src/state/index.ts';

// An independent reference of Flink's formulas, written in BigInt with Java's int overflow made explicit, so that it
// shares no trick (Math.imul, `| 0`) with the implementation under test.
const int = (v: bigint): bigint => BigInt.asIntN(32, v);
const uint = (v: bigint): bigint => BigInt.asUintN(32, v);
const rotl = (v: bigint, bits: bigint): bigint => int((uint(v) << bits) | (uint(v) >> (32n - bits)));
/** Java's `>>>` on an int. */
const ushr = (v: bigint, bits: bigint): bigint => int(uint(v) >> bits);

/** Java's `String.hashCode()`: s[0]*31^(n-1) + ... + s[n-1], in int arithmetic. */
function javaStringHashCode(s: string): number {
  let h = 0n;
  for (let i = 0; i < s.length; i++) h = int(31n * h + BigInt(s.charCodeAt(i)));
  return Number(h);
}

/** Flink's `MathUtils.murmurHash(int)`. */
function flinkMurmurHash(code: number): number {
  let h = int(BigInt(code) * 0xcc9e2d51n);
  h = rotl(h, 15n);
  h = int(h * 0x1b873593n);
  h = rotl(h, 13n);
  h = int(h * 5n + 0xe6546b64n);
  h = int(h ^ 4n);
  // bitMix
  h = int(h ^ ushr(h, 16n));
  h = int(h * 0x85ebca6bn);
  h = int(h ^ ushr(h, 13n));
  h = int(h * 0xc2b2ae35n);
  h = int(h ^ ushr(h, 16n));
  if (h >= 0n) return Number(h);
  return h === -(2n ** 31n) ? 0 : Number(-h);
}

/** Flink's `KeyGroupRangeAssignment.computeKeyGroupForKeyHash`. */
const flinkKeyGroup = (hashCode: number, maxP: number): number => flinkMurmurHash(hashCode) % maxP;

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const maxParallelism = fc.integer({ min: 1, max: 32_768 });
/** Any UTF-16 code units, lone surrogates included: hashCode works on code units, not code points. */
const anyString = fc.string({ unit: 'binary', maxLength: 40 });

describe('keyHashCode matches Java', () => {
  test('known values', () => {
    expect(keyHashCode('hello')).toBe(99_162_322);
    expect(keyHashCode('')).toBe(0);
    expect(keyHashCode('a')).toBe(97);
    // Overflows int: "polygenelubricants".hashCode() is Integer.MIN_VALUE in Java.
    expect(keyHashCode('polygenelubricants')).toBe(-(2 ** 31));
    expect(keyHashCode(0)).toBe(0);
    expect(keyHashCode(42)).toBe(42);
    expect(keyHashCode(-7)).toBe(-7);
    expect(keyHashCode(2 ** 31 - 1)).toBe(2 ** 31 - 1);
    expect(keyHashCode(true)).toBe(1231);
    expect(keyHashCode(false)).toBe(1237);
    // Long.hashCode(2^32) = (int)(2^32 ^ 1) = 1; Long.hashCode(-1L) = 0.
    expect(keyHashCode(2 ** 32)).toBe(1);
    expect(keyHashCode(-1n)).toBe(0);
    // Double.hashCode(1.5): bits 0x3FF8000000000000 -> 0x3FF80000.
    expect(keyHashCode(1.5)).toBe(0x3ff80000);
  });

  test('strings hash as Java String.hashCode', () => {
    fc.assert(fc.property(anyString, (s) => keyHashCode(s) === javaStringHashCode(s)));
  });

  test('32-bit integers hash to themselves (Integer.hashCode)', () => {
    fc.assert(fc.property(int32, (i) => keyHashCode(i) === i));
  });

  test('bigints hash as Long.hashCode', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        const u = BigInt.asUintN(64, v);
        return keyHashCode(v) === Number(int(u ^ (u >> 32n)));
      }),
    );
  });

  test('a key that is not a string, number, bigint or boolean is refused', () => {
    expect(() => keyHashCode({} as never)).toThrow(TypeError);
  });
});

describe('murmurHash and assignToKeyGroup match Flink', () => {
  test('known values of the reference itself', () => {
    // Pinned so that a broken reference cannot agree with a broken implementation by accident.
    expect(flinkMurmurHash(0)).toBe(murmurHash(0));
    expect(flinkKeyGroup(99_162_322, 128)).toBe(assignToKeyGroup('hello', 128));
  });

  test('murmurHash equals MathUtils.murmurHash and is non-negative', () => {
    fc.assert(
      fc.property(int32, (code) => {
        const h = murmurHash(code);
        return h === flinkMurmurHash(code) && h >= 0 && Number.isInteger(h);
      }),
      { numRuns: 2_000 },
    );
  });

  test('edge codes', () => {
    for (const code of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 1231, 1237, 99_162_322]) {
      expect(murmurHash(code)).toBe(flinkMurmurHash(code));
    }
  });

  test('string keys land in the key group Flink computes', () => {
    fc.assert(
      fc.property(anyString, maxParallelism, (s, maxP) => {
        expect(assignToKeyGroup(s, maxP)).toBe(flinkKeyGroup(javaStringHashCode(s), maxP));
      }),
      { numRuns: 1_000 },
    );
  });

  test('integer and boolean keys land in the key group Flink computes', () => {
    fc.assert(
      fc.property(int32, maxParallelism, (i, maxP) => {
        expect(assignToKeyGroup(i, maxP)).toBe(flinkKeyGroup(i, maxP));
      }),
      { numRuns: 1_000 },
    );
    expect(assignToKeyGroup(true, 128)).toBe(flinkKeyGroup(1231, 128));
    expect(assignToKeyGroup(false, 128)).toBe(flinkKeyGroup(1237, 128));
  });
});

describe('key group ranges', () => {
  /** 1 <= p <= maxP <= 32768. */
  const parallelismAndMax = maxParallelism.chain((maxP) =>
    fc.tuple(fc.integer({ min: 1, max: maxP }), fc.constant(maxP)),
  );

  test('the ranges of all subtasks are contiguous, disjoint and cover [0, maxP) exactly', () => {
    fc.assert(
      fc.property(parallelismAndMax, ([p, maxP]) => {
        let nextStart = 0;
        for (let i = 0; i < p; i++) {
          const range = keyGroupRangeForSubtask(maxP, p, i);
          // Plain checks in the loop (p may be 32768): contiguous, and non-empty since p <= maxP.
          if (range.start !== nextStart || range.end < range.start) {
            throw new Error(
              `p=${p} maxP=${maxP}: subtask ${i} owns [${range.start}, ${range.end}], expected start ${nextStart}`,
            );
          }
          nextStart = range.end + 1;
        }
        expect(nextStart).toBe(maxP);
      }),
      { numRuns: 300 },
    );
  });

  test('operatorIndexForKeyGroup(kg) === i iff kg is in range(i)', () => {
    fc.assert(
      fc.property(
        parallelismAndMax.chain(([p, maxP]) => fc.tuple(fc.constant(p), fc.constant(maxP), fc.nat(maxP - 1))),
        ([p, maxP, kg]) => {
          const owner = operatorIndexForKeyGroup(maxP, p, kg);
          expect(owner).toBeGreaterThanOrEqual(0);
          expect(owner).toBeLessThan(p);
          const range = keyGroupRangeForSubtask(maxP, p, owner);
          expect(kg).toBeGreaterThanOrEqual(range.start);
          expect(kg).toBeLessThanOrEqual(range.end);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  test('every key group of every range maps back to its subtask, at the largest sizes too', () => {
    for (const [p, maxP] of [
      [1, 1],
      [3, 128],
      [7, 128],
      [128, 128],
      [1, 32_768],
      [3, 32_768],
      [32_768, 32_768],
    ] as const) {
      for (let i = 0; i < p; i++) {
        const { start, end } = keyGroupRangeForSubtask(maxP, p, i);
        for (let kg = start; kg <= end; kg++) {
          if (operatorIndexForKeyGroup(maxP, p, kg) !== i) throw new Error(`p=${p} maxP=${maxP} kg=${kg} not in ${i}`);
        }
      }
    }
  });

  test('Flink ranges for 128 key groups', () => {
    expect(keyGroupRangeForSubtask(128, 3, 0)).toEqual({ start: 0, end: 42 });
    expect(keyGroupRangeForSubtask(128, 3, 1)).toEqual({ start: 43, end: 85 });
    expect(keyGroupRangeForSubtask(128, 3, 2)).toEqual({ start: 86, end: 127 });
    expect(keyGroupRangeForSubtask(128, 2, 1)).toEqual({ start: 64, end: 127 });
  });

  test('bad parallelism or subtask index is refused', () => {
    expect(() => keyGroupRangeForSubtask(128, 0, 0)).toThrow(RangeError);
    expect(() => keyGroupRangeForSubtask(128, 129, 0)).toThrow(RangeError);
    expect(() => keyGroupRangeForSubtask(128, 2, 2)).toThrow(RangeError);
    expect(() => keyGroupRangeForSubtask(128, 2, -1)).toThrow(RangeError);
  });
});
