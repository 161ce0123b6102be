export { Checkpoint } from './Checkpoint.ts';
export {
  bytesOfFirstEvents,
  countFramedEvents,
  EVENT_HEADER_BYTES,
  EVENT_TYPE,
  framedEvents,
  MAX_EVENT_BYTES,
} from './EventFraming.ts';
export { contains, evenRanges, type KeyRange, overlaps, type SegmentWithRange, tiles } from './KeyRange.ts';
export { Position, type SegmentPosition } from './Position.ts';
export { hashRoutingKey } from './RoutingKey.ts';
export { ScalingPolicy, type StreamConfiguration } from './ScalingPolicy.ts';
export { epochOf, segmentId, segmentName, segmentNumberOf, txnSegmentName } from './SegmentId.ts';
export { StreamCut, safeUnpack } from './StreamCut.ts';
