export { EventSinkWriter } from './EventSinkWriter.ts';
export {
  DEFAULT_RECOVERY_ALLOWANCE_MS,
  DEFAULT_TRANSACTION_TIMEOUT_MS,
  type PravegaSinkOptions,
  type RoutingKeySpec,
  resolveSinkOptions,
  routingKeyOf,
  type SinkSemantic,
} from './options.ts';
export type { PravegaCommittable, PravegaWriterState } from './PravegaCommittable.ts';
export { PravegaCommitter } from './PravegaCommitter.ts';
export {
  type AnyPravegaSink,
  PravegaBestEffortSink,
  PravegaEventSink,
  PravegaSink,
  PravegaTransactionalSink,
} from './PravegaSink.ts';
export { TransactionalSinkWriter } from './TransactionalSinkWriter.ts';
