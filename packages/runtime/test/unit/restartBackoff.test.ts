import { RestartStrategy } from '@dhara/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RestartBackoff } from '../../src/jobmanager/RestartBackoff.ts';

/** A RestartBackoff on a clock the test moves by hand. */
function backoff(strategy: RestartStrategy, random: () => number = () => 0.5) {
  const time = { now: 0 };
  const b = new RestartBackoff(strategy, () => time.now, random);
  return { b, time };
}

describe('RestartBackoff: fixed delay', () => {
  test('allows exactly `attempts` restarts, each after the delay, then gives up for good', () => {
    const { b } = backoff(RestartStrategy.fixedDelay(3, 250));
    expect([b.onFailure(), b.onFailure(), b.onFailure()]).toEqual([250, 250, 250]);
    expect(b.restartCount).toBe(3);
    expect(b.onFailure()).toBeUndefined();
    expect(b.onFailure()).toBeUndefined();
    expect(b.restartCount).toBe(3);
  });

  test('zero attempts never restarts', () => {
    const { b } = backoff(RestartStrategy.fixedDelay(0, 10));
    expect(b.onFailure()).toBeUndefined();
    expect(b.restartCount).toBe(0);
  });

  test('Infinity never runs out', () => {
    const { b } = backoff(RestartStrategy.fixedDelay(Number.POSITIVE_INFINITY, 7));
    for (let i = 0; i < 2_000; i++) expect(b.onFailure()).toBe(7);
    expect(b.restartCount).toBe(2_000);
  });

  test('quiet time does not give attempts back (fixed delay counts over the whole job)', () => {
    const { b, time } = backoff(RestartStrategy.fixedDelay(1, 5));
    expect(b.onFailure()).toBe(5);
    time.now += 10_000_000;
    expect(b.onFailure()).toBeUndefined();
  });
});

describe('RestartBackoff: none', () => {
  test('never restarts', () => {
    const { b } = backoff(RestartStrategy.none());
    expect(b.onFailure()).toBeUndefined();
    expect(b.onFailure()).toBeUndefined();
    expect(b.restartCount).toBe(0);
  });
});

describe('RestartBackoff: exponential delay', () => {
  const exp = (overrides: Parameters<typeof RestartStrategy.exponentialDelay>[0] = {}) =>
    RestartStrategy.exponentialDelay({
      initialBackoffMs: 100,
      maxBackoffMs: 1_000,
      backoffMultiplier: 3,
      resetBackoffThresholdMs: 60_000,
      jitterFactor: 0,
      ...overrides,
    });

  test('grows by the multiplier up to the max, and stays there', () => {
    const { b, time } = backoff(exp());
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(b.onFailure());
      time.now += 10; // failures in quick succession
    }
    expect(delays).toEqual([100, 300, 900, 1_000, 1_000, 1_000]);
    expect(b.restartCount).toBe(6);
  });

  test('never runs out of restarts', () => {
    const { b, time } = backoff(exp());
    for (let i = 0; i < 1_000; i++) {
      expect(b.onFailure()).toBeTypeOf('number');
      time.now += 1;
    }
  });

  test('resets to the initial backoff after the threshold of quiet time, not before', () => {
    const { b, time } = backoff(exp({ resetBackoffThresholdMs: 5_000, maxBackoffMs: 100_000 }));
    expect(b.onFailure()).toBe(100);
    time.now += 100;
    expect(b.onFailure()).toBe(300);
    time.now += 100;
    expect(b.onFailure()).toBe(900);
    // Well past threshold + current backoff: a long quiet time, back to the start.
    time.now += 100_000;
    expect(b.onFailure()).toBe(100);
    time.now += 1;
    expect(b.onFailure()).toBe(300);
  });

  test('quiet time counts from the restart, not from the failure (as Flink: threshold + current backoff)', () => {
    const { b, time } = backoff(
      exp({ initialBackoffMs: 1_000, backoffMultiplier: 2, maxBackoffMs: 60_000, resetBackoffThresholdMs: 3_000 }),
    );
    expect(b.onFailure()).toBe(1_000); // t = 0, restart at 1000
    time.now = 2_000; // ran 1 s
    expect(b.onFailure()).toBe(2_000); // restart at 4000
    time.now = 6_500; // ran 2.5 s < threshold since the restart
    expect(b.onFailure()).toBe(4_000);
  });

  test('jitter: random 0 takes the lower edge, random 0.5 the exact backoff, random near 1 the upper edge', () => {
    const strategy = exp({ jitterFactor: 0.2 });
    expect(backoff(strategy, () => 0).b.onFailure()).toBe(80);
    expect(backoff(strategy, () => 0.5).b.onFailure()).toBe(100);
    expect(backoff(strategy, () => 0.999_999).b.onFailure()).toBe(120);
  });

  test('jitter stays within the band around the (growing) backoff', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (randoms, jitterFactor) => {
          let i = 0;
          const { b, time } = backoff(
            exp({ jitterFactor, maxBackoffMs: 1_000_000 }),
            () => randoms[i++ % randoms.length]!,
          );
          let base = 100;
          for (let n = 0; n < randoms.length; n++) {
            const delay = b.onFailure()!;
            expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - jitterFactor)));
            expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + jitterFactor)));
            expect(Number.isInteger(delay)).toBe(true);
            base *= 3;
            time.now += 1;
          }
        },
      ),
    );
  });

  test('the jittered delay never exceeds maxBackoffMs (as Flink caps it)', () => {
    const { b, time } = backoff(exp({ jitterFactor: 0.1 }), () => 0.99);
    let last = 0;
    for (let i = 0; i < 5; i++) {
      last = b.onFailure()!;
      time.now += 1;
    }
    expect(last).toBeLessThanOrEqual(1_000);
  });
});
