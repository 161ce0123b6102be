export { type Extent, Segment } from './Segment.ts';
