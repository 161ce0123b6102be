import { MAX_WATERMARK, MIN_WATERMARK } from '@dhara/core';

/** What the valve tells its task: a new combined watermark, or that the task's input went idle / active. */
export interface ValveOutput {
  emitWatermark(watermark: number): void;
  emitWatermarkStatus(idle: boolean): void;
}

interface ChannelState {
  watermark: number;
  idle: boolean;
  /** An active channel whose watermark has caught up with the output; only aligned channels count. */
  aligned: boolean;
}

/**
 * Combines the watermarks and idle/active statuses of a task's input channels into one (Flink's
 * StatusWatermarkValve): the output is the minimum over active, aligned channels and never goes backwards; an idle
 * channel does not hold it back; when every channel is idle the output is the maximum of them all, then IDLE; a
 * channel that becomes active again counts only once its watermark reaches the output.
 */
export class StatusWatermarkValve {
  private readonly channels: ChannelState[];
  private lastOutput = MIN_WATERMARK;
  private outputIdle = false;

  constructor(
    channelCount: number,
    private readonly output: ValveOutput,
  ) {
    this.channels = Array.from({ length: channelCount }, () => ({
      watermark: MIN_WATERMARK,
      idle: false,
      aligned: true,
    }));
  }

  get currentWatermark(): number {
    return this.lastOutput;
  }

  inputWatermark(channelIndex: number, watermark: number): void {
    const channel = this.channels[channelIndex]!;
    // A watermark from an idle channel, or an old one, changes nothing (statuses are announced explicitly).
    if (channel.idle || watermark <= channel.watermark) return;
    channel.watermark = watermark;
    if (!channel.aligned && watermark >= this.lastOutput) channel.aligned = true;
    this.outputMinimum();
  }

  inputStatus(channelIndex: number, idle: boolean): void {
    const channel = this.channels[channelIndex]!;
    if (idle === channel.idle) return;
    channel.idle = idle;
    if (idle) {
      channel.aligned = false;
      if (this.channels.every((c) => c.idle)) {
        this.outputMaximumThenIdle();
      } else {
        this.outputMinimum();
      }
      return;
    }
    channel.aligned = channel.watermark >= this.lastOutput;
    if (this.outputIdle) {
      this.outputIdle = false;
      this.output.emitWatermarkStatus(false);
    }
  }

  /** An ended channel holds nothing back: it counts as active at the maximum watermark. */
  channelFinished(channelIndex: number): void {
    const channel = this.channels[channelIndex]!;
    if (channel.idle) this.inputStatus(channelIndex, false);
    this.inputWatermark(channelIndex, MAX_WATERMARK);
  }

  private outputMinimum(): void {
    let minimum = MAX_WATERMARK;
    let any = false;
    for (const c of this.channels) {
      if (c.aligned && !c.idle) {
        any = true;
        if (c.watermark < minimum) minimum = c.watermark;
      }
    }
    if (any && minimum > this.lastOutput) {
      this.lastOutput = minimum;
      this.output.emitWatermark(minimum);
    }
  }

  private outputMaximumThenIdle(): void {
    let maximum = MIN_WATERMARK;
    for (const c of this.channels) if (c.watermark > maximum) maximum = c.watermark;
    if (maximum > this.lastOutput) {
      this.lastOutput = maximum;
      this.output.emitWatermark(maximum);
    }
    if (!this.outputIdle) {
      this.outputIdle = true;
      this.output.emitWatermarkStatus(true);
    }
  }
}
