export { WatermarkStrategy } from './WatermarkStrategy.ts';
