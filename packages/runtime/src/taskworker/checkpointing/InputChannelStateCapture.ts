import { type FrameCodec, FrameType, type InputChannel, isBarrierFrame } from '../../network/index.ts';

/**
 * Records one unaligned checkpoint's input channel state: for every input channel, the data frames that precede the
 * checkpoint's barrier on that channel but were not processed before the snapshot. Those are the frames queued ahead
 * of the barrier when the snapshot was taken, and, on a channel whose barrier had not arrived yet, every data frame
 * that arrives until it does (an observer on the channel sees them as they arrive). They are processed normally too.
 * Watermarks and statuses are not recorded: they are regenerated after a restore.
 */
export class InputChannelStateCapture {
  private readonly frames = new Map<number, Uint8Array[]>();
  private readonly observed: InputChannel[] = [];

  constructor(
    private readonly checkpointId: number,
    private readonly codec: FrameCodec,
  ) {}

  /** The channel whose barrier was taken ahead of its queue: the data frames it overtook are its whole state. */
  addOvertaken(channelIndex: number, overtaken: readonly Uint8Array[]): void {
    this.frames.set(
      channelIndex,
      overtaken.filter((f) => f[0] === FrameType.DATA),
    );
  }

  /** A channel whose barrier has not been taken: what is queued before it, then what arrives until it. */
  record(channel: InputChannel): void {
    const isTarget = (frame: Uint8Array) => this.codec.decodeBarrier(frame).checkpointId >= this.checkpointId;
    const { frames, barrierQueued } = channel.framesBefore(isTarget);
    this.frames.set(channel.index, frames);
    if (barrierQueued) return;
    this.observed.push(channel);
    channel.observer = (frame) => {
      if (frame[0] === FrameType.DATA) {
        frames.push(frame);
      } else if (frame[0] === FrameType.END_OF_PARTITION) {
        channel.observer = undefined;
      } else if (isBarrierFrame(frame) && isTarget(frame)) {
        channel.observer = undefined;
        // An aligned barrier (from an upstream task still aligning) is taken ahead of its queue too: the frames
        // before it are recorded already. A priority barrier is marked urgent by the channel itself.
        if (frame[0] === FrameType.CHECKPOINT_BARRIER) channel.urgent.push(frame);
      }
    };
  }

  /** Stops recording (the checkpoint completed on this task or was given up). */
  stop(): void {
    for (const channel of this.observed) channel.observer = undefined;
    this.observed.length = 0;
  }

  /** The recorded frames by channel index (only channels with frames) and their total size. */
  result(): { inputs: Record<number, Uint8Array[]>; bytes: number } {
    const inputs: Record<number, Uint8Array[]> = {};
    let bytes = 0;
    for (const [index, frames] of this.frames) {
      if (frames.length === 0) continue;
      inputs[index] = frames;
      for (const f of frames) bytes += f.byteLength;
    }
    return { inputs, bytes };
  }
}
