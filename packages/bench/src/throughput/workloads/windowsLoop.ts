// Baseline of the windows-count job (jobs/windows-count.ts): the same records, the same bounded out-of-orderness
// watermark (max - bound - 1), each key's count emitted once the watermark passes its window's last timestamp, the
// rest at the end of input.
import { addToTally, emptyTally, type Tally } from './checksum.ts';
import { recordAt } from './records.ts';
import { hashWindowCount, OUT_OF_ORDERNESS_MS, WINDOW_MS } from './windowCount.ts';

export function windowsLoop(n: number): Tally {
  const open = new Map<number, Map<number, number>>(); // window start -> key -> count
  const tally = emptyTally();
  const fire = (start: number, counts: Map<number, number>): void => {
    for (const [key, count] of counts) addToTally(tally, hashWindowCount({ key, start, count }));
    open.delete(start);
  };
  let oldest = Number.POSITIVE_INFINITY;
  let maxTs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const r = recordAt(i);
    const start = r.ts - (((r.ts % WINDOW_MS) + WINDOW_MS) % WINDOW_MS);
    let counts = open.get(start);
    if (counts === undefined) {
      counts = new Map();
      open.set(start, counts);
      if (start < oldest) oldest = start;
    }
    counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    if (r.ts > maxTs) maxTs = r.ts;
    const watermark = maxTs - OUT_OF_ORDERNESS_MS - 1;
    while (oldest + WINDOW_MS - 1 <= watermark) {
      const due = open.get(oldest);
      if (due !== undefined) fire(oldest, due);
      oldest = Math.min(...open.keys(), Number.POSITIVE_INFINITY);
    }
  }
  for (const [start, counts] of open) fire(start, counts);
  return tally;
}
