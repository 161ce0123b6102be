/** Where a side output's records and event time go: a RecordWriterOutput into the network. */
export interface SideOutputTarget {
  emit(value: unknown, timestamp: number | undefined): void;
  emitWatermark(watermark: number): void;
  emitWatermarkStatus(idle: boolean): void;
}

/**
 * An operator's side outputs, routed by tag. Side outputs are never chained, so each one is a RecordWriterOutput
 * into the network. Watermarks and statuses reach every side output too: event time is the same on all of them.
 */
export class SideOutputs {
  private readonly byTag = new Map<string, SideOutputTarget[]>();
  private readonly all: readonly SideOutputTarget[];

  constructor(outputs: readonly (readonly [tag: string, output: SideOutputTarget])[]) {
    for (const [tag, output] of outputs) this.byTag.set(tag, [...(this.byTag.get(tag) ?? []), output]);
    this.all = outputs.map(([, output]) => output);
  }

  /** A side output that nothing reads is dropped, as in Flink. */
  emit(tag: string, value: unknown, timestamp: number | undefined): void {
    const outputs = this.byTag.get(tag);
    if (outputs === undefined) return;
    for (const output of outputs) output.emit(value, timestamp);
  }

  emitWatermark(watermark: number): void {
    for (const output of this.all) output.emitWatermark(watermark);
  }

  emitWatermarkStatus(idle: boolean): void {
    for (const output of this.all) output.emitWatermarkStatus(idle);
  }
}
