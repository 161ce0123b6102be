import type { SinkWriter } from '@dhara/core';
import type { EventWriter, PravegaClient } from '@dhara/pravega';

/**
 * At-least-once (flush and check every write on each checkpoint) or `none` (best effort: errors surface only at the
 * end of input or on close) writer over a plain event writer.
 */
export class EventSinkWriter<T> implements SinkWriter<T> {
  private failure: unknown;

  constructor(
    private readonly client: PravegaClient,
    private readonly writer: EventWriter<T>,
    private readonly routingKeyOf: (event: T) => string | undefined,
    private readonly checkOnCheckpoint: boolean,
  ) {}

  write(element: T): void {
    if (this.failure !== undefined && this.checkOnCheckpoint) throw this.failure;
    this.writer.writeEvent(this.routingKeyOf(element), element).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  async flush(endOfInput: boolean): Promise<void> {
    if (!this.checkOnCheckpoint && !endOfInput) return;
    await this.writer.flush();
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.client.close();
  }
}
