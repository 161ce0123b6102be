// The throughput floor (baseline b): the raw channel, msgpackr batches between two worker threads with no operators.
export { type RawChannelRun, type RecordShape, runRawChannel } from './rawChannel.ts';
