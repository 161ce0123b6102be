export { type StampedOutput, WatermarkEmitter } from './WatermarkEmitter.ts';
