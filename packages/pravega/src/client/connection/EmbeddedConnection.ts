import type { Connection } from './Connection.ts';

/** Something that runs store operations in this process (the server's StoreService). */
export interface RequestHandler {
  handle(op: unknown, args: unknown): Promise<unknown>;
}

/** Calls the store in this process directly: no sockets, no copies. */
export class EmbeddedConnection implements Connection {
  constructor(private readonly handler: RequestHandler) {}

  call<T>(op: string, args: Record<string, unknown>): Promise<T> {
    return this.handler.handle(op, args) as Promise<T>;
  }

  async close(): Promise<void> {}
}
