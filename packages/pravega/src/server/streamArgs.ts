import { InvalidArgumentError } from '../errors/index.ts';
import { type KeyRange, ScalingPolicy, type StreamConfiguration } from '../model/index.ts';

// Reading the stream-shaped arguments of a request (a key range, a stream configuration): anything malformed is an
// INVALID_ARGUMENT answer, before anything is journaled.

export function parseRange(r: unknown): KeyRange {
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof (r as KeyRange).low !== 'number' ||
    typeof (r as KeyRange).high !== 'number' ||
    !((r as KeyRange).low >= 0 && (r as KeyRange).high <= 1 && (r as KeyRange).low < (r as KeyRange).high)
  ) {
    throw new InvalidArgumentError('a key range must be {low, high} with 0 <= low < high <= 1');
  }
  return { low: (r as KeyRange).low, high: (r as KeyRange).high };
}

export function parseConfig(c: unknown, what: string): StreamConfiguration {
  const p = (c as { scalingPolicy?: Record<string, unknown> } | undefined)?.scalingPolicy;
  if (p === undefined) return { scalingPolicy: ScalingPolicy.fixed(1) };
  const n = p.minNumSegments;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1024) {
    throw new InvalidArgumentError(`stream ${what}: minNumSegments must be an integer in [1, 1024]`);
  }
  if (p.type === 'FIXED') return { scalingPolicy: ScalingPolicy.fixed(n) };
  if (p.type === 'BY_EVENT_RATE') {
    const { targetRate, scaleFactor } = p;
    if (typeof targetRate !== 'number' || !(targetRate > 0)) {
      throw new InvalidArgumentError(`stream ${what}: targetRate must be > 0`);
    }
    if (typeof scaleFactor !== 'number' || !Number.isInteger(scaleFactor) || scaleFactor < 2) {
      throw new InvalidArgumentError(`stream ${what}: scaleFactor must be an integer >= 2`);
    }
    return { scalingPolicy: ScalingPolicy.byEventRate(targetRate, scaleFactor, n) };
  }
  throw new InvalidArgumentError(`stream ${what}: unknown scaling policy type '${String(p.type)}'`);
}
