import { EmbeddedConnection, PravegaClient } from '../client/index.ts';
import { StoreEngine, type StoreOptions, StoreService, TcpServer } from '../server/index.ts';

/**
 * The store: opened from a directory (replaying its journal), used in-process through `client()`, and optionally
 * served over loopback TCP with `listen()` for clients in other processes (`connectToStore`).
 */
export class PravegaStore {
  private servers: TcpServer[] = [];

  private constructor(
    readonly engine: StoreEngine,
    readonly service: StoreService,
  ) {}

  static async open(options: StoreOptions): Promise<PravegaStore> {
    const engine = await StoreEngine.open(options);
    return new PravegaStore(engine, new StoreService(engine));
  }

  /** A client in this process, calling the store directly (no sockets, no copies). */
  client(): PravegaClient {
    return new PravegaClient(new EmbeddedConnection(this.service));
  }

  /** Serve on `host:port` (port 0 picks one); returns the bound port. */
  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = await TcpServer.listen(this.service, port, host);
    this.servers.push(server);
    return server.port;
  }

  async close(): Promise<void> {
    for (const s of this.servers) await s.close();
    this.servers = [];
    await this.engine.close();
  }
}
