// The windows-count pipeline's shape and output, shared by its job and its plain loop.
import { hashOf } from './checksum.ts';

export const WINDOW_MS = 1_000;
export const OUT_OF_ORDERNESS_MS = 200;

/** One fired window: a key's record count in the window starting at `start`. */
export interface WindowCount {
  readonly key: number;
  readonly start: number;
  readonly count: number;
}

export const hashWindowCount = (w: WindowCount): number => hashOf(w.key, w.start, w.count);
