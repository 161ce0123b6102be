import { InvalidArgumentError, StoreError } from '../../errors/index.ts';
import { type GroupUpdate, ReaderGroupState, StateSynchronizer } from '../../readergroup/index.ts';
import type { Serializer } from '../../serializers/index.ts';
import type { Connection } from '../connection/index.ts';
import { EventStreamReader, type ReaderConfig } from './EventStreamReader.ts';
import { initUpdate } from './initUpdate.ts';
import { ReaderGroup } from './ReaderGroup.ts';
import { type ReaderGroupConfig, toGroupConfig } from './ReaderGroupConfig.ts';

/** Where a group's state lives: the single-segment stream `_RG<group>` in the group's scope, as in Pravega. */
export function stateStreamOf(group: string): string {
  return `_RG${group}`;
}

/** Pravega's ReaderGroupManager for one scope, plus the reader factory. */
export class ReaderGroupManager {
  constructor(
    private readonly conn: Connection,
    readonly scope: string,
  ) {}

  /** Create the group if it does not exist (returns false if it did; its config is left alone). */
  async createReaderGroup(group: string, config: ReaderGroupConfig): Promise<boolean> {
    if (config.streams.length === 0)
      throw new InvalidArgumentError(`reader group '${group}' needs at least one stream`);
    const stream = stateStreamOf(group);
    await this.conn.call('createStream', {
      scope: this.scope,
      stream,
      config: { scalingPolicy: { type: 'FIXED', minNumSegments: 1 } },
    });
    const init = await initUpdate(this.conn, toGroupConfig(this.scope, config), 0);
    const sync = this.synchronizer(group);
    return sync.updateState((s) => (s.initialized ? undefined : [init]));
  }

  async getReaderGroup(group: string): Promise<ReaderGroup> {
    const sync = await this.open(group);
    return new ReaderGroup(this.conn, this.scope, group, sync);
  }

  async deleteReaderGroup(group: string): Promise<void> {
    const stream = stateStreamOf(group);
    await this.conn.call('sealStream', { scope: this.scope, stream });
    await this.conn.call('deleteStream', { scope: this.scope, stream });
  }

  /** A new reader in the group (Pravega's `createReader(readerId, group, serializer, config)`). */
  async createReader<T>(
    readerId: string,
    group: string,
    serializer: Serializer<T>,
    config: ReaderConfig = {},
  ): Promise<EventStreamReader<T>> {
    const sync = await this.open(group);
    await sync.updateState((s) => {
      if (s.readers.has(readerId)) {
        throw new InvalidArgumentError(`reader '${readerId}' is already online in group '${group}'`);
      }
      return [{ t: 'addReader', reader: readerId }];
    });
    return new EventStreamReader(this.conn, readerId, group, sync, sync.state.generation, serializer, config);
  }

  private synchronizer(group: string): StateSynchronizer<ReaderGroupState, GroupUpdate> {
    return new StateSynchronizer(this.conn, this.scope, stateStreamOf(group), new ReaderGroupState(), (s, u) =>
      s.apply(u),
    );
  }

  private async open(group: string): Promise<StateSynchronizer<ReaderGroupState, GroupUpdate>> {
    const sync = this.synchronizer(group);
    try {
      await sync.fetchUpdates();
    } catch (e) {
      if (e instanceof StoreError && e.code === 'STREAM_NOT_FOUND') {
        throw new StoreError('READER_GROUP_NOT_FOUND', `reader group '${this.scope}/${group}' not found`);
      }
      throw e;
    }
    if (!sync.state.initialized) {
      throw new StoreError('READER_GROUP_NOT_FOUND', `reader group '${this.scope}/${group}' not found`);
    }
    return sync;
  }
}
