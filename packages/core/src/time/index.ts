export {
  BoundedOutOfOrdernessGenerator,
  IdlenessGenerator,
  MAX_WATERMARK,
  MIN_WATERMARK,
  type WatermarkGenerator,
  type WatermarkGeneratorContext,
  type WatermarkOutput,
} from './WatermarkGenerator.ts';
export { type TimestampAssigner, type WatermarkAlignment, WatermarkStrategy } from './WatermarkStrategy.ts';
