export { CollectSink, collectSink } from './CollectSink.ts';
export { discardingSink, printSink } from './PrintSink.ts';
export type { Sink, SinkInitContext, SinkWriteContext, SinkWriter } from './Sink.ts';
