import type { Serializer } from '../serializers/index.ts';
import { BatchClient } from './BatchClient.ts';
import { type Connection, TcpConnection } from './connection/index.ts';
import { type EventStreamReader, type ReaderConfig, ReaderGroupManager } from './reader/index.ts';
import { StreamManager } from './StreamManager.ts';
import { TransactionalEventWriter, type TransactionalWriterConfig } from './transaction/index.ts';
import { EventWriter, type EventWriterConfig } from './writer/index.ts';

/**
 * Everything a program uses to talk to a store (Pravega's ClientFactory + managers), over one connection: from
 * `PravegaStore.client()` in-process, or `connectToStore(host, port)` across processes. Same API either way.
 */
export class PravegaClient {
  constructor(readonly connection: Connection) {}

  streamManager(): StreamManager {
    return new StreamManager(this.connection);
  }

  createEventWriter<T>(
    scope: string,
    stream: string,
    serializer: Serializer<T>,
    config?: EventWriterConfig,
  ): EventWriter<T> {
    return new EventWriter(this.connection, scope, stream, serializer, config);
  }

  createTransactionalWriter<T>(
    scope: string,
    stream: string,
    serializer: Serializer<T>,
    config?: TransactionalWriterConfig,
  ): TransactionalEventWriter<T> {
    return new TransactionalEventWriter(this.connection, scope, stream, serializer, config);
  }

  readerGroupManager(scope: string): ReaderGroupManager {
    return new ReaderGroupManager(this.connection, scope);
  }

  createReader<T>(
    readerId: string,
    scope: string,
    group: string,
    serializer: Serializer<T>,
    config?: ReaderConfig,
  ): Promise<EventStreamReader<T>> {
    return this.readerGroupManager(scope).createReader(readerId, group, serializer, config);
  }

  batchClient(): BatchClient {
    return new BatchClient(this.connection);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** A client of a standalone store server (`dhara store start`). */
export async function connectToStore(host: string, port: number): Promise<PravegaClient> {
  return new PravegaClient(await TcpConnection.connect(host, port));
}
