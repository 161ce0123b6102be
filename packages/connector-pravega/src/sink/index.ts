export { EventSinkWriter } from './EventSinkWriter.ts';
export {
  type PravegaSinkOptions,
  type RoutingKeySpec,
  resolveSinkOptions,
  routingKeyOf,
  type SinkSemantic,
} from './options.ts';
export type { PravegaCommittable, PravegaWriterState } from './PravegaCommittable.ts';
export { PravegaCommitter } from './PravegaCommitter.ts';
export { PravegaEventSink, PravegaSink, PravegaTransactionalSink } from './PravegaSink.ts';
export { TransactionalSinkWriter } from './TransactionalSinkWriter.ts';
