import { JsonSerializer, type Serializer } from '@dhara/pravega';
import type { StoreAddress } from '../client/index.ts';
import { PravegaOptionError } from '../errors/index.ts';

/** Delivery guarantee of a PravegaSink (Flink's DeliveryGuarantee). */
export type SinkSemantic = 'exactly-once' | 'at-least-once' | 'none';

/** The routing key of an event: the name of a string field, or a function. Unset: no key. */
export type RoutingKeySpec<T> = string | ((event: T) => string | undefined);

export interface PravegaSinkOptions<T> {
  /** The store: `host:port` of a standalone store, or a function opening a client. */
  readonly controller: StoreAddress;
  readonly scope: string;
  readonly stream: string;
  /** Default: JSON. */
  readonly serializer?: Serializer<T>;
  readonly routingKey?: RoutingKeySpec<T>;
  /** Default `at-least-once`, as upstream. */
  readonly semantic?: SinkSemantic;
  /**
   * Exactly-once: the transactions' lease (Pravega's txn timeout; upstream `sink.txn-lease-renewal.interval`), renewed
   * every lease/3 while this process holds the transaction (open, or handed over and waiting for its commit).
   * Default 120 000 ms.
   */
  readonly transactionTimeoutMs?: number;
  /**
   * Exactly-once: how long a recovery may take (failure detection, restart delay, redeploy) before the recovered
   * committer renews a handed-over transaction again; nobody renews it meanwhile. The rule is lease > checkpoint
   * interval + checkpoint timeout + this, so the sink declares `lease - recoveryAllowanceMs` as its
   * `transactionTimeoutMs` and the runtime refuses at submit a job whose interval + timeout exceed that. Default
   * 10 000 ms (`sink.txn-lease.recovery-allowance`).
   */
  readonly recoveryAllowanceMs?: number;
}

export interface ResolvedSinkOptions<T> {
  readonly controller: StoreAddress;
  readonly scope: string;
  readonly stream: string;
  readonly serializer: Serializer<T>;
  readonly routingKeyOf: (event: T) => string | undefined;
  readonly semantic: SinkSemantic;
  readonly transactionTimeoutMs: number;
  readonly recoveryAllowanceMs: number;
}

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 120_000;
export const DEFAULT_RECOVERY_ALLOWANCE_MS = 10_000;

export function routingKeyOf<T>(spec: RoutingKeySpec<T> | undefined): (event: T) => string | undefined {
  if (spec === undefined) return () => undefined;
  if (typeof spec === 'function') return spec;
  const field = spec;
  return (event) => {
    const value = (event as Record<string, unknown> | null)?.[field];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : String(value);
  };
}

export function resolveSinkOptions<T>(options: PravegaSinkOptions<T>): ResolvedSinkOptions<T> {
  for (const key of ['scope', 'stream'] as const) {
    if (typeof options[key] !== 'string' || options[key].length === 0) {
      throw new PravegaOptionError(key === 'stream' ? 'sink.stream' : key, 'must be a non-empty string');
    }
  }
  const semantic = options.semantic ?? 'at-least-once';
  if (!['exactly-once', 'at-least-once', 'none'].includes(semantic)) {
    throw new PravegaOptionError('sink.semantic', `expected exactly-once, at-least-once or none, got '${semantic}'`);
  }
  const timeout = options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS;
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new PravegaOptionError('sink.txn-lease-renewal.interval', `expected a positive integer, got ${timeout}`);
  }
  const recovery = options.recoveryAllowanceMs ?? DEFAULT_RECOVERY_ALLOWANCE_MS;
  if (!Number.isInteger(recovery) || recovery < 0) {
    throw new PravegaOptionError(
      'sink.txn-lease.recovery-allowance',
      `expected a non-negative integer, got ${recovery}`,
    );
  }
  if (semantic === 'exactly-once' && recovery >= timeout) {
    throw new PravegaOptionError(
      'sink.txn-lease-renewal.interval',
      `the transaction lease (${timeout} ms) must exceed checkpoint interval + checkpoint timeout + recovery ` +
        `allowance (${recovery} ms, sink.txn-lease.recovery-allowance), but it does not even exceed the allowance`,
    );
  }
  return {
    controller: options.controller,
    scope: options.scope,
    stream: options.stream,
    serializer: options.serializer ?? new JsonSerializer<T>(),
    routingKeyOf: routingKeyOf(options.routingKey),
    semantic,
    transactionTimeoutMs: timeout,
    recoveryAllowanceMs: recovery,
  };
}
