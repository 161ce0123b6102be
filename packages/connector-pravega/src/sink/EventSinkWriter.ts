import type { CommittingSinkWriter } from '@dhara/core';
import type { EventWriter, PravegaClient } from '@dhara/pravega';

/**
 * At-least-once (each checkpoint's `flush` makes every earlier write durable and rethrows the first write error; the
 * checkpoint is acknowledged only after that) or `none` (best effort: errors surface only at the end of input or on
 * close) writer over a plain event writer. It never hands anything to a committer: `prepareCommit` is empty.
 */
export class EventSinkWriter<T> implements CommittingSinkWriter<T, never> {
  private failure: unknown;
  /** Acks of writes not yet durable (one per synchronous burst: the store's writer shares them). */
  private readonly outstanding = new Set<Promise<void>>();

  constructor(
    private readonly client: PravegaClient,
    private readonly writer: EventWriter<T>,
    private readonly routingKeyOf: (event: T) => string | undefined,
    private readonly checkOnCheckpoint: boolean,
  ) {}

  write(element: T): void {
    if (this.failure !== undefined && this.checkOnCheckpoint) throw this.failure;
    const ack = this.writer.writeEvent(this.routingKeyOf(element), element);
    if (this.outstanding.has(ack)) return;
    this.outstanding.add(ack);
    ack.then(
      () => this.outstanding.delete(ack),
      (error: unknown) => {
        this.outstanding.delete(ack);
        this.failure ??= error;
      },
    );
  }

  /**
   * Waits for the writes made before this call only (not for later ones, so a busy writer cannot starve a
   * checkpoint), then reports the first failure.
   */
  async flush(endOfInput: boolean): Promise<void> {
    if (!this.checkOnCheckpoint && !endOfInput) return;
    await Promise.allSettled([...this.outstanding]);
    if (this.failure !== undefined) throw this.failure;
  }

  prepareCommit(): never[] {
    return [];
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.client.close();
  }
}
