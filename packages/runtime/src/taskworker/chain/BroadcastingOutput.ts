import type { Output } from '../operators/index.ts';
import type { SideOutputs } from './SideOutputs.ts';

/**
 * An operator's output when it has several main targets, or none (Flink's BroadcastingOutputCollector): each record,
 * watermark and status goes to every target in turn — chained operators first, then the network writers.
 */
export class BroadcastingOutput implements Output {
  constructor(
    private readonly outputs: readonly Output[],
    private readonly sideOutputs: SideOutputs | undefined,
  ) {}

  emit(value: unknown, timestamp: number | undefined): void {
    for (const output of this.outputs) output.emit(value, timestamp);
  }

  emitSide(tag: string, value: unknown, timestamp: number | undefined): void {
    this.sideOutputs?.emit(tag, value, timestamp);
  }

  emitWatermark(watermark: number): void {
    for (const output of this.outputs) output.emitWatermark(watermark);
    this.sideOutputs?.emitWatermark(watermark);
  }

  emitWatermarkStatus(idle: boolean): void {
    for (const output of this.outputs) output.emitWatermarkStatus(idle);
    this.sideOutputs?.emitWatermarkStatus(idle);
  }
}
