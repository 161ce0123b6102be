import type { CheckpointConfig } from '../checkpoint/index.ts';
import type { Sink } from './Sink.ts';
import { TransactionTimeoutError } from './SinkErrors.ts';

/**
 * Refuses a sink whose transactions may expire before their checkpoint completes: with checkpointing on, a
 * transaction opened just after a barrier is pre-committed on the next one (up to the interval later) and committed
 * when that checkpoint completes (up to the checkpoint timeout later). Without checkpointing there is nothing to check.
 */
export function checkTransactionTimeout(
  sinkName: string,
  sinkUid: string,
  sink: Sink<unknown>,
  config: CheckpointConfig,
): void {
  const timeout = sink.transactionTimeoutMs;
  if (timeout === undefined || config.intervalMs <= 0) return;
  if (config.intervalMs + config.timeoutMs > timeout) {
    throw new TransactionTimeoutError(sinkName, sinkUid, timeout, config.intervalMs, config.timeoutMs);
  }
}
