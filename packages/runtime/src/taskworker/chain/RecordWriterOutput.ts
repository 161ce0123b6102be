import type { FrameCodec, RecordWriter } from '../../network/index.ts';
import type { Output } from '../operators/index.ts';
import type { SideOutputs } from './SideOutputs.ts';

/**
 * Where records leave the chain (Flink's RecordWriterOutput): into a network RecordWriter, whose partitioner picks the
 * channel. Watermarks and watermark statuses are broadcast to every channel of the writer as events.
 */
export class RecordWriterOutput implements Output {
  /**
   * `sideOutputs`: the side outputs of the operator whose whole output this is (its only main target); undefined when
   * it is one of several targets, or a side output itself.
   */
  constructor(
    private readonly writer: RecordWriter,
    private readonly codec: FrameCodec,
    private readonly sideOutputs: SideOutputs | undefined,
  ) {}

  emit(value: unknown, timestamp: number | undefined): void {
    this.writer.emit(value, timestamp);
  }

  emitSide(tag: string, value: unknown, timestamp: number | undefined): void {
    this.sideOutputs?.emit(tag, value, timestamp);
  }

  emitWatermark(watermark: number): void {
    this.writer.broadcastEvent(this.codec.encodeWatermark(watermark));
    this.sideOutputs?.emitWatermark(watermark);
  }

  emitWatermarkStatus(idle: boolean): void {
    this.writer.broadcastEvent(this.codec.encodeWatermarkStatus(idle));
    this.sideOutputs?.emitWatermarkStatus(idle);
  }
}
