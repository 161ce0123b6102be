export { BatchClient, type SegmentRange } from './BatchClient.ts';
export { type Connection, EmbeddedConnection, type RequestHandler, TcpConnection } from './connection/index.ts';
export { connectToStore, PravegaClient } from './PravegaClient.ts';
export {
  type EventRead,
  EventStreamReader,
  type ReaderConfig,
  ReaderGroup,
  type ReaderGroupConfig,
  ReaderGroupManager,
} from './reader/index.ts';
export { type StreamInfo, StreamManager } from './StreamManager.ts';
export {
  Transaction,
  TransactionalEventWriter,
  type TransactionalWriterConfig,
  type TransactionStatus,
} from './transaction/index.ts';
export { EventWriter, type EventWriterConfig } from './writer/index.ts';
