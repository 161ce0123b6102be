// @dhara/pravega: an embedded, durable stream store with Pravega's model, and its client.
export * from './client/index.ts';
export * from './errors/index.ts';
export {
  Checkpoint,
  epochOf,
  hashRoutingKey,
  type KeyRange,
  MAX_EVENT_BYTES,
  Position,
  ScalingPolicy,
  type SegmentPosition,
  type SegmentWithRange,
  type StreamConfiguration,
  StreamCut,
  segmentId,
  segmentNumberOf,
} from './model/index.ts';
export * from './serializers/index.ts';
export { LOCK_FILE, StoreLockedError, type StoreOptions, TcpServer } from './server/index.ts';
export { PravegaStore } from './store/index.ts';
