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

  /** Back to the initial configuration (start cuts, or the heads). */
  async resetToInitial(): Promise<void> {
    await (await this.readerGroup()).resetReaderGroup(this.options.groupConfig);
  }

  async resetTo(serialised: string): Promise<void> {
    await (await this.readerGroup()).resetReaderGroup(Checkpoint.fromText(serialised));
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.group = undefined;
    await (await client?.catch(() => undefined))?.close();
  }
}
