/** A half-open interval of time [start, end), in ms. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** The last timestamp that belongs to the window: where its event-time trigger fires. */
export function maxTimestamp(window: TimeWindow): number {
  return window.end - 1;
}

/** Windows that overlap or touch merge (sessions), as Flink's TimeWindow.intersects. */
export function intersects(a: TimeWindow, b: TimeWindow): boolean {
  return a.start <= b.end && a.end >= b.start;
}

export function cover(a: TimeWindow, b: TimeWindow): TimeWindow {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The start of the window of `size` (shifted by `offset`) that holds `timestamp`; correct for negative times too. */
export function windowStart(timestamp: number, offset: number, size: number): number {
  const shifted = (timestamp - offset) % size;
  return timestamp - (shifted < 0 ? shifted + size : shifted);
}
