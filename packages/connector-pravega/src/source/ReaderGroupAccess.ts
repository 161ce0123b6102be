import type { PravegaClient, ReaderGroup } from '@dhara/pravega';
import { Checkpoint } from '@dhara/pravega';
import { openClient } from '../client/index.ts';
import type { ResolvedSourceOptions } from './options.ts';

/**
 * The job manager's handle on the reader group (shared by the enumerator and the master hook): creates it on first
 * use and resets it to the initial configuration or to a checkpoint.
 */
export class ReaderGroupAccess {
  private client: Promise<PravegaClient> | undefined;
  private group: Promise<ReaderGroup> | undefined;
  private expected = 0;
  private readonly joined = new Set<number>();
  private joinWaiters: (() => void)[] = [];
  private restoredTo: number | undefined;
  private highestTriggered = 0;
  private stale = 0;
  private attempts = 0;

  constructor(private readonly options: ResolvedSourceOptions<unknown>) {}

  get name(): string {
    return this.options.readerGroup;
  }

  private connect(): Promise<PravegaClient> {
    this.client ??= openClient(this.options.controller);
    return this.client;
  }

  /** The group, created with the initial configuration if it does not exist. */
  readerGroup(): Promise<ReaderGroup> {
    this.group ??= (async () => {
      const rgm = (await this.connect()).readerGroupManager(this.options.scope);
      await rgm.createReaderGroup(this.name, this.options.groupConfig);
      return rgm.getReaderGroup(this.name);
    })();
    this.group.catch(() => {
      this.group = undefined;
    });
    return this.group;
  }

  /**
   * A new attempt (its enumerator starts; none of its tasks runs yet) runs `count` reader subtasks; none has joined
   * the group yet, and every checkpoint triggered so far is stale for it.
   */
  expectReaders(count: number): void {
    this.attempts++;
    this.expected = count;
    this.joined.clear();
    this.stale = Math.max(this.stale, this.highestTriggered, this.restoredTo ?? 0);
  }

  /** A reader subtask's Pravega reader is online in the group (its enumerator heard so). */
  readerJoined(subtask: number): void {
    this.joined.add(subtask);
    const waiters = this.joinWaiters;
    this.joinWaiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * Resolves true once every reader subtask of the attempt has joined the group (readers that joined and finished
   * count), or false after `timeoutMs`. See `readerJoined.ts` for why a checkpoint must wait for them.
   */
  async awaitReaders(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.joined.size < this.expected) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.joinWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }

  /** The master hook is about to start the reader-group checkpoint of engine checkpoint `checkpointId`. */
  noteTriggered(checkpointId: number): void {
    this.highestTriggered = Math.max(this.highestTriggered, checkpointId);
  }

  /**
   * Engine checkpoints up to this id cannot be triggered in the current attempt: they were triggered in an earlier
   * attempt, or are at or before the checkpoint restored. A hook call of such a checkpoint still running may create
   * its reader-group checkpoint after the group was reset for this attempt; the readers drop those markers (a task
   * that met one would otherwise wait for its trigger forever).
   */
  get staleUpTo(): number {
    return this.stale;
  }

  /** Counts attempts: a checkpoint trigger that sees it change was overtaken by a restart. */
  get attempt(): number {
    return this.attempts;
  }

  /** The engine checkpoint the master hook last reset the group to (undefined: initial configuration or none). */
  get restoredCheckpointId(): number | undefined {
    return this.restoredTo;
  }

  /** Back to the initial configuration (start cuts, or the heads). */
  async resetToInitial(): Promise<void> {
    this.restoredTo = undefined;
    await (await this.readerGroup()).resetReaderGroup(this.options.groupConfig);
  }

  /** To the reader-group checkpoint stored with engine checkpoint `checkpointId`. */
  async resetTo(checkpointId: number, serialised: string): Promise<void> {
    await (await this.readerGroup()).resetReaderGroup(Checkpoint.fromText(serialised));
    this.restoredTo = checkpointId;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.group = undefined;
    await (await client?.catch(() => undefined))?.close();
  }
}
