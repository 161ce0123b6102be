export { BarrierHandler, type BarrierHandlerOutput, type UnalignedOptions } from './BarrierHandler.ts';
export { InputChannelStateCapture } from './InputChannelStateCapture.ts';
export { refuseRescaledChannelState } from './refuseRescaledChannelState.ts';
export { ChannelStateRescaleError, holdsInFlightData, restoreChannelState } from './restoreChannelState.ts';
export { startsUnaligned } from './startsUnaligned.ts';
export { type CheckpointerContext, TaskCheckpointer } from './TaskCheckpointer.ts';
