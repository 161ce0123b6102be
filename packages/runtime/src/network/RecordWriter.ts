import type { OutputChannel } from './OutputChannel.ts';
import { BROADCAST, type ChannelSelector } from './partitioners.ts';

/** Writes one operator's records into the channels of one output edge, as its partitioner decides. */
export class RecordWriter {
  recordsOut = 0;

  constructor(
    readonly edgeId: number,
    readonly channels: readonly OutputChannel[],
    private readonly select: ChannelSelector,
  ) {}

  /** Sends an event (a watermark, a status, the end of partition) to every channel, after the records before it. */
  broadcastEvent(frame: Uint8Array): void {
    for (const channel of this.channels) channel.sendEvent(frame.slice());
  }

  emit(value: unknown, timestamp: number | undefined): void {
    this.recordsOut++;
    const channel = this.select(value);
    if (channel === BROADCAST) {
      for (const c of this.channels) c.push(value, timestamp);
    } else {
      this.channels[channel]!.push(value, timestamp);
    }
  }
}
