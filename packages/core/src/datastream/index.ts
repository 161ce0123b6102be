export { ConnectedStreams, DataStream, KeyedStream, WindowedStream } from './DataStream.ts';
export { DataStreamSink } from './DataStreamSink.ts';
// Not public: the environment checks its default parallelism as the streams check theirs.
export { checkParallelism } from './operatorSettings.ts';
