import type { RestartStrategy } from '@dhara/core';

/** Decides, failure by failure, whether and after how long a job restarts. */
export class RestartBackoff {
  private restarts = 0;
  private currentBackoff = 0;
  private lastFailureAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly strategy: RestartStrategy,
    private readonly now: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  get restartCount(): number {
    return this.restarts;
  }

  /** Records a failure; returns the delay before the restart, or undefined when the job must fail instead. */
  onFailure(): number | undefined {
    const now = this.now();
    const strategy = this.strategy;
    switch (strategy.kind) {
      case 'none':
        return undefined;
      case 'fixed-delay':
        if (this.restarts >= strategy.attempts) return undefined;
        this.restarts++;
        return strategy.delayMs;
      case 'exponential-delay': {
        // Quiet time is time running after the restart: the backoff wait itself does not count (as Flink).
        const quiet = now - this.lastFailureAt >= strategy.resetBackoffThresholdMs + this.currentBackoff;
        this.currentBackoff = quiet
          ? strategy.initialBackoffMs
          : Math.min(this.currentBackoff * strategy.backoffMultiplier, strategy.maxBackoffMs);
        this.lastFailureAt = now;
        this.restarts++;
        const jitter = this.currentBackoff * strategy.jitterFactor * (this.random() * 2 - 1);
        return Math.min(strategy.maxBackoffMs, Math.max(0, Math.round(this.currentBackoff + jitter)));
      }
    }
  }
}
