export { ConnectedStreams, DataStream, KeyedStream } from './DataStream.ts';
export { DataStreamSink } from './DataStreamSink.ts';
