export { BarrierHandler, type BarrierHandlerOutput } from './BarrierHandler.ts';
export { type CheckpointerContext, TaskCheckpointer } from './TaskCheckpointer.ts';
