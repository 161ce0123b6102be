/**
 * How a source stamps records with event time and emits watermarks. This release carries records' timestamps
 * through the engine; event-time processing (watermark generators, idleness, alignment) is the event-time issue's
 * work, so `noWatermarks()` is the one strategy offered yet.
 */
export class WatermarkStrategy<T> {
  declare readonly __elementType?: T;
  private constructor(readonly kind: 'none') {}

  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>('none');
  }
}
