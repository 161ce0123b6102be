export { type ChainContext, OperatorChain } from './OperatorChain.ts';
export { type EmitRecord, StreamTaskNetworkOutput } from './StreamTaskNetworkOutput.ts';
