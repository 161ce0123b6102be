import type { StoreService } from '../../server/StoreService.ts';
import type { Connection } from './Connection.ts';

/** Calls the store in this process directly. */
export class EmbeddedConnection implements Connection {
  constructor(private readonly service: StoreService) {}

  call<T>(op: string, args: Record<string, unknown>): Promise<T> {
    return this.service.handle(op, args) as Promise<T>;
  }

  async close(): Promise<void> {}
}
