import { PravegaOptionError } from '../errors/index.ts';

/** Milliseconds per unit, with the spellings Flink's `TimeUtils.parseDuration` accepts (from ms up). */
const UNITS: ReadonlyMap<string, number> = new Map([
  ...['', 'ms', 'milli', 'millis', 'millisecond', 'milliseconds'].map((u) => [u, 1] as const),
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((u) => [u, 1_000] as const),
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((u) => [u, 60_000] as const),
  ...['h', 'hour', 'hours'].map((u) => [u, 3_600_000] as const),
  ...['d', 'day', 'days'].map((u) => [u, 86_400_000] as const),
]);

/**
 * A duration written as Flink writes them — "5 s", "500ms", "1 min", "2h"; a bare number is milliseconds — as a
 * whole number of milliseconds, positive unless `allowZero`. `key` names the option in the error.
 */
export function parseDuration(key: string, text: string, allowZero = false): number {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const perUnit = m ? UNITS.get(m[2]!.toLowerCase()) : undefined;
  if (!m || perUnit === undefined) {
    throw new PravegaOptionError(
      key,
      `'${text}' is not a duration; expected a whole number with an optional unit (ms, s, min, h, d), e.g. ` +
        "'500ms', '5 s' or '1 min'",
    );
  }
  const ms = Number(m[1]) * perUnit;
  if (!Number.isSafeInteger(ms) || ms < (allowZero ? 0 : 1)) {
    const least = allowZero ? 'zero or more' : 'more than zero';
    throw new PravegaOptionError(key, `'${text}' must be ${least} and at most ${Number.MAX_SAFE_INTEGER} ms`);
  }
  return ms;
}
