export { ConnectedStreams, DataStream, KeyedStream, WindowedStream } from './DataStream.ts';
export { DataStreamSink } from './DataStreamSink.ts';
