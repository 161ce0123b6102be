/** The network stack's knobs; one set per job. */
export interface NetworkConfig {
  /** Records per batch: a batch is sent when it holds this many (or earlier, see `flushIntervalMs`). */
  readonly batchSize: number;
  /** Batches a receiver buffers per input channel: the credit a sender starts with. */
  readonly creditsPerChannel: number;
  /**
   * Encoded batches a sender may hold per channel while it waits for credit before the task stops processing input
   * (backpressure). One step of input can overdraw it by what that step emits, like Flink's overdraft buffers.
   */
  readonly maxBacklogPerChannel: number;
  /** A partly filled batch is sent at the latest after this long, and at once when the task runs out of input. */
  readonly flushIntervalMs: number;
}

export const DEFAULT_NETWORK_CONFIG: NetworkConfig = {
  batchSize: 1000,
  creditsPerChannel: 4,
  maxBacklogPerChannel: 1,
  flushIntervalMs: 10,
};

export function validateNetworkConfig(config: NetworkConfig): NetworkConfig {
  for (const [name, value] of Object.entries(config)) {
    if (!Number.isInteger(value) || value < (name === 'flushIntervalMs' ? 0 : 1)) {
      throw new RangeError(
        `network.${name} must be a ${name === 'flushIntervalMs' ? 'non-negative' : 'positive'} integer, got ${value}`,
      );
    }
  }
  return config;
}
