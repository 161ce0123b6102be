export { BarrierHandler, type UnalignedOptions } from './BarrierHandler.ts';
export type { ChannelStateWriter, CheckpointableTask, CheckpointedSource } from './CheckpointableTask.ts';
export { InputChannelStateCapture } from './InputChannelStateCapture.ts';
export { refuseRescaledChannelState } from './refuseRescaledChannelState.ts';
export { ChannelStateRescaleError, holdsInFlightData, restoreChannelState } from './restoreChannelState.ts';
export { type CheckpointerContext, TaskCheckpointer } from './TaskCheckpointer.ts';
