/** What happens after a task fails: restart from the latest checkpoint after a delay, or fail the job. */
export type RestartStrategy =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed-delay'; readonly attempts: number; readonly delayMs: number }
  | {
      readonly kind: 'exponential-delay';
      readonly initialBackoffMs: number;
      readonly maxBackoffMs: number;
      readonly backoffMultiplier: number;
      /** After this long without a failure, the backoff starts again from the initial value. */
      readonly resetBackoffThresholdMs: number;
      /** A random share of the backoff added or removed, so that restarts do not line up. */
      readonly jitterFactor: number;
    };

function nonNegative(what: string, value: number): number {
  if (!(value >= 0)) throw new RangeError(`RestartStrategy.${what} must be >= 0, got ${value}`);
  return value;
}

export const RestartStrategy = {
  none: (): RestartStrategy => ({ kind: 'none' }),

  /** Up to `attempts` restarts (Infinity for no limit), each after `delayMs`. */
  fixedDelay: (attempts: number, delayMs: number): RestartStrategy => {
    if (!(attempts >= 0) || (Number.isFinite(attempts) && !Number.isInteger(attempts))) {
      throw new RangeError(`RestartStrategy.fixedDelay: attempts must be a whole number or Infinity, got ${attempts}`);
    }
    return { kind: 'fixed-delay', attempts, delayMs: nonNegative('fixedDelay delayMs', delayMs) };
  },

  /** Flink's exponential-delay strategy, with its defaults: 1 s doubling up to 5 min, reset after 1 h, jitter 0.1. */
  exponentialDelay: (
    options: Partial<Omit<Extract<RestartStrategy, { kind: 'exponential-delay' }>, 'kind'>> = {},
  ): RestartStrategy => {
    const strategy = {
      kind: 'exponential-delay' as const,
      initialBackoffMs: nonNegative('initialBackoffMs', options.initialBackoffMs ?? 1_000),
      maxBackoffMs: nonNegative('maxBackoffMs', options.maxBackoffMs ?? 300_000),
      backoffMultiplier: options.backoffMultiplier ?? 2,
      resetBackoffThresholdMs: nonNegative('resetBackoffThresholdMs', options.resetBackoffThresholdMs ?? 3_600_000),
      jitterFactor: options.jitterFactor ?? 0.1,
    };
    if (!(strategy.backoffMultiplier >= 1)) {
      throw new RangeError(`RestartStrategy.backoffMultiplier must be >= 1, got ${strategy.backoffMultiplier}`);
    }
    if (!(strategy.jitterFactor >= 0 && strategy.jitterFactor <= 1)) {
      throw new RangeError(`RestartStrategy.jitterFactor must be in [0, 1], got ${strategy.jitterFactor}`);
    }
    return strategy;
  },
};
