export { type CheckpointBarrier, FrameCodec, FrameType, isBarrierFrame } from './frames.ts';
export { FlowControlError, InputChannel, InputGate, type PolledFrame } from './InputGate.ts';
export { DEFAULT_NETWORK_CONFIG, type NetworkConfig, validateNetworkConfig } from './NetworkConfig.ts';
export { OutputChannel } from './OutputChannel.ts';
export { BROADCAST, type ChannelSelector, createChannelSelector, type PartitionerContext } from './partitioners.ts';
export { RecordWriter } from './RecordWriter.ts';
export { StatusWatermarkValve, type ValveOutput } from './StatusWatermarkValve.ts';
