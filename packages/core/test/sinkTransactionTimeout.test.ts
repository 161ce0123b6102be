import { expect, test } from 'vitest';
import { DEFAULT_CHECKPOINT_CONFIG, type Sink } from '../src/index.ts';
import { checkTransactionTimeout } from '../src/internal.ts';

const sink = (transactionTimeoutMs?: number): Sink<unknown> => ({
  createWriter: () => ({ write() {}, flush() {}, close() {} }),
  ...(transactionTimeoutMs === undefined ? {} : { transactionTimeoutMs }),
});
const config = (intervalMs: number, timeoutMs: number) => ({ ...DEFAULT_CHECKPOINT_CONFIG, intervalMs, timeoutMs });

test('interval + checkpoint timeout above the transaction timeout is refused, naming every number', () => {
  expect(() => checkTransactionTimeout('kafka', 'k1', sink(60_000), config(30_000, 40_000))).toThrow(
    /sink 'kafka' \(uid 'k1'\) declares transactionTimeoutMs 60000.*interval 30000 ms \+ checkpoint timeout 40000 ms = 70000 ms/,
  );
});

test('a safe configuration, no declared timeout, or no checkpointing pass', () => {
  expect(() => checkTransactionTimeout('s', 'u', sink(70_000), config(30_000, 40_000))).not.toThrow();
  expect(() => checkTransactionTimeout('s', 'u', sink(), config(30_000, 40_000))).not.toThrow();
  expect(() => checkTransactionTimeout('s', 'u', sink(1), config(0, 40_000))).not.toThrow();
});
