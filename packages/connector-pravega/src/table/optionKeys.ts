/** The flat keys of a Pravega table, as Flink's Pravega connector names them (plus one of Dhara's own). */

/** Keys of either side. `connector`, when given, must be `pravega` (so a Flink `WITH (...)` list can be pasted). */
export const COMMON_KEYS = ['connector', 'controller-uri', 'scope', 'format'] as const;

export const SCAN_KEYS = [
  'scan.streams',
  'scan.start-streamcuts',
  'scan.end-streamcuts',
  'scan.execution.type',
  'scan.reader-group.name',
  'scan.reader-group.max-outstanding-checkpoint-request',
  'scan.event-read.timeout.interval',
  'scan.reader-group.checkpoint-initiate-timeout.interval',
] as const;

export const SINK_KEYS = [
  'sink.stream',
  'sink.semantic',
  'sink.txn-lease-renewal.interval',
  'sink.routing-key.field.name',
  // Dhara's own: the recovery time the transaction lease must leave room for.
  'sink.txn-lease.recovery-allowance',
] as const;

export type OptionKey = (typeof COMMON_KEYS)[number] | (typeof SCAN_KEYS)[number] | (typeof SINK_KEYS)[number];

/** Upstream keys this connector does not implement, with why: refused by name rather than as unknown. */
export const UNSUPPORTED_KEYS: ReadonlyMap<string, string> = new Map([
  ['security.auth-type', 'the store has no authentication'],
  ['security.auth-token', 'the store has no authentication'],
  ['security.validate-hostname', 'the store has no TLS'],
  ['security.trust-store', 'the store has no TLS'],
  ['scan.uid', 'give the source its uid with .uid(...) on the stream'],
  ['scan.reader-group.refresh.interval', 'readers refresh the group state on every read'],
  ['sink.enable.watermark-propagation', 'the store keeps no watermark streams'],
]);
