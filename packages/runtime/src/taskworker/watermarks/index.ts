export { SplitWatermarks } from './SplitWatermarks.ts';
export { type StampedOutput, WatermarkEmitter } from './WatermarkEmitter.ts';
