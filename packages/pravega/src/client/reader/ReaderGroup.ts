import { randomUUID } from 'node:crypto';
import { MaxNumberOfCheckpointsExceededError, StoreError } from '../../errors/index.ts';
import { Checkpoint, type Position, type StreamCut } from '../../model/index.ts';
import {
  type GroupUpdate,
  type ReaderGroupState,
  type StateSynchronizer,
  segmentKey,
} from '../../readergroup/index.ts';
import type { Connection } from '../connection/index.ts';
import { initUpdate } from './initUpdate.ts';
import { cutsOf, fromCheckpoint, type ReaderGroupConfig, toGroupConfig } from './ReaderGroupConfig.ts';

/** Pravega's ReaderGroup: checkpoints, reset, readers going offline, stream cuts. */
export class ReaderGroup {
  constructor(
    private readonly conn: Connection,
    readonly scope: string,
    readonly name: string,
    private readonly sync: StateSynchronizer<ReaderGroupState, GroupUpdate>,
  ) {}

  /**
   * Start a checkpoint: every online reader returns one marker read named `name`, and records its position on its
   * next read. Resolves with the checkpoint (one stream cut per stream) when all have. The same pending name joins
   * the same checkpoint; more than `maxOutstandingCheckpointRequest` pending fails with MAX_CHECKPOINTS_EXCEEDED.
   */
  async initiateCheckpoint(name: string, options: { timeoutMs?: number } = {}): Promise<Checkpoint> {
    await this.sync.updateState((s) => {
      if (s.checkpoints.some((c) => c.name === name) || s.done.some((c) => c.name === name)) return undefined;
      const max = s.config.maxOutstandingCheckpointRequest;
      if (s.outstandingCount() >= max) throw new MaxNumberOfCheckpointsExceededError(this.name, max);
      return [{ t: 'createCheckpoint', name, silent: false }];
    });
    return this.awaitCheckpoint(name, options.timeoutMs ?? 60_000);
  }

  private async awaitCheckpoint(name: string, timeoutMs: number): Promise<Checkpoint> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.sync.fetchUpdates();
      const done = this.sync.state.done.find((c) => c.name === name);
      if (done) return new Checkpoint(name, cutsOf(done.positions));
      if (!this.sync.state.checkpoints.some((c) => c.name === name)) {
        throw new StoreError('CHECKPOINT_CANCELLED', `checkpoint '${name}' of group '${this.name}' was cancelled`);
      }
      if (Date.now() > deadline) {
        throw new StoreError(
          'TIMEOUT',
          `checkpoint '${name}' of group '${this.name}' did not complete in ${timeoutMs} ms`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async cancelOutstandingCheckpoints(): Promise<void> {
    await this.sync.updateState((s) => (s.checkpoints.length > 0 ? [{ t: 'cancelCheckpoints' }] : undefined));
  }

  /** Cuts of the group's current positions, without surfacing a marker to readers (a silent checkpoint). */
  async generateStreamCuts(options: { timeoutMs?: number } = {}): Promise<ReadonlyMap<string, StreamCut>> {
    const name = `_silent.${randomUUID()}`;
    await this.sync.updateState(() => [{ t: 'createCheckpoint', name, silent: true }]);
    return (await this.awaitCheckpoint(name, options.timeoutMs ?? 60_000)).streamCuts;
  }

  /**
   * Start over, from a checkpoint, from a new config, or (no argument) from the last completed checkpoint. The
   * generation moves on: readers of the old generation get REINITIALIZATION_REQUIRED and must be recreated.
   */
  async resetReaderGroup(to?: ReaderGroupConfig | Checkpoint): Promise<void> {
    await this.sync.fetchUpdates();
    const s = this.sync.state;
    let config = s.config;
    if (to instanceof Checkpoint) config = fromCheckpoint(s.config, to);
    else if (to) config = toGroupConfig(this.scope, to);
    else {
      const last = s.lastCheckpoint();
      if (last) config = fromCheckpoint(s.config, new Checkpoint(last.name, cutsOf(last.positions)));
    }
    const generation = s.generation + 1;
    const init = await initUpdate(this.conn, config, generation);
    await this.sync.updateState((st) => (st.generation >= generation ? undefined : [init]));
  }

  /**
   * A reader is gone: its segments go back to the group at `position` (the last event it processed), or, when
   * null, at the offsets of its last checkpoint (later events are read again by others).
   */
  async readerOffline(readerId: string, position: Position | null): Promise<void> {
    const positions = position
      ? position.segments.map((p) => [segmentKey(p.scope, p.stream, p.segment), p.offset] as [string, number])
      : null;
    await this.sync.updateState((s) =>
      s.readers.has(readerId) ? [{ t: 'removeReader', reader: readerId, position: positions }] : undefined,
    );
  }

  async getOnlineReaders(): Promise<string[]> {
    await this.sync.fetchUpdates();
    return [...this.sync.state.readers.keys()];
  }

  /** The cuts of the last completed checkpoint (empty map if none). */
  async getStreamCuts(): Promise<Map<string, StreamCut>> {
    await this.sync.fetchUpdates();
    const last = this.sync.state.lastCheckpoint();
    return last ? cutsOf(last.positions) : new Map();
  }

  get generation(): number {
    return this.sync.state.generation;
  }
}
