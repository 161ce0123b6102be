export { AckGroup } from './AckGroup.ts';
export { EventWriter, type EventWriterConfig, segmentWriterOptions } from './EventWriter.ts';
export { RoutingTable } from './RoutingTable.ts';
export { SegmentWriter, type SegmentWriterOptions } from './SegmentWriter.ts';
