// The plain-loop baselines of the Nexmark-shaped queries: the same bids, the same per-record functions, no engine.
// Windowed queries keep their windows open until a bounded-out-of-orderness watermark (max seen - bound - 1) passes
// their last timestamp, as the job does, and fire what is left at the end of input.
import { addToTally, emptyTally, type Tally } from '../checksum.ts';
import { bidAt, MAX_OUT_OF_ORDERNESS_MS } from './bids.ts';
import {
  addHighest,
  emptyHighest,
  type HighestBid,
  hashAuctionPrice,
  hashBid,
  hashEuroBid,
  hashHighestBid,
  hashHotItem,
  isSelectedAuction,
  type MaxBids,
  type PricedBid,
  Q5_SLIDE_MS,
  Q5_WINDOW_MS,
  Q7_WINDOW_MS,
  toAuctionPrice,
  toEuros,
} from './queries.ts';

export function passthroughLoop(n: number): Tally {
  const tally = emptyTally();
  for (let i = 0; i < n; i++) addToTally(tally, hashBid(bidAt(i)));
  return tally;
}

export function currencyLoop(n: number): Tally {
  const tally = emptyTally();
  for (let i = 0; i < n; i++) addToTally(tally, hashEuroBid(toEuros(bidAt(i))));
  return tally;
}

export function selectionLoop(n: number): Tally {
  const tally = emptyTally();
  for (let i = 0; i < n; i++) {
    const bid = bidAt(i);
    if (isSelectedAuction(bid)) addToTally(tally, hashAuctionPrice(toAuctionPrice(bid)));
  }
  return tally;
}

/** Windows by their end, fired in end order once the watermark passes end - 1. */
class OpenWindows<S> {
  private readonly byEnd = new Map<number, S>();
  private nextDue = Number.POSITIVE_INFINITY;
  private maxTimestamp = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly create: () => S,
    private readonly fire: (end: number, state: S) => void,
  ) {}

  get(end: number): S {
    let state = this.byEnd.get(end);
    if (state === undefined) {
      state = this.create();
      this.byEnd.set(end, state);
      if (end < this.nextDue) this.nextDue = end;
    }
    return state;
  }

  advance(timestamp: number): void {
    if (timestamp <= this.maxTimestamp) return;
    this.maxTimestamp = timestamp;
    const watermark = timestamp - MAX_OUT_OF_ORDERNESS_MS - 1;
    if (this.nextDue - 1 <= watermark) this.fireUpTo(watermark);
  }

  fireUpTo(watermark: number): void {
    const due = [...this.byEnd.keys()].filter((end) => end - 1 <= watermark).sort((a, b) => a - b);
    for (const end of due) {
      this.fire(end, this.byEnd.get(end)!);
      this.byEnd.delete(end);
    }
    this.nextDue = Math.min(Number.POSITIVE_INFINITY, ...this.byEnd.keys());
  }
}

const windowStart = (t: number, size: number): number => t - (((t % size) + size) % size);

export function hotItemsLoop(n: number): Tally {
  const tally = emptyTally();
  const windows = new OpenWindows<Map<number, number>>(
    () => new Map(),
    (windowEnd, counts) => {
      let max = 0;
      for (const count of counts.values()) if (count > max) max = count;
      for (const [auction, count] of counts) {
        if (count === max) addToTally(tally, hashHotItem({ auction, count, windowEnd }));
      }
    },
  );
  for (let i = 0; i < n; i++) {
    const bid = bidAt(i);
    const t = bid.dateTime;
    for (let start = windowStart(t, Q5_SLIDE_MS); start > t - Q5_WINDOW_MS; start -= Q5_SLIDE_MS) {
      const counts = windows.get(start + Q5_WINDOW_MS);
      counts.set(bid.auction, (counts.get(bid.auction) ?? 0) + 1);
    }
    windows.advance(t);
  }
  windows.fireUpTo(Number.POSITIVE_INFINITY);
  return tally;
}

export function highestBidLoop(n: number): Tally {
  const tally = emptyTally();
  const windows = new OpenWindows<MaxBids>(emptyHighest, (windowEnd, highest) => {
    for (const b of highest.bids) addToTally(tally, hashHighestBid(highestBidOf(b, windowEnd)));
  });
  for (let i = 0; i < n; i++) {
    const bid = bidAt(i);
    addHighest(windows.get(windowStart(bid.dateTime, Q7_WINDOW_MS) + Q7_WINDOW_MS), bid);
    windows.advance(bid.dateTime);
  }
  windows.fireUpTo(Number.POSITIVE_INFINITY);
  return tally;
}

export function highestBidOf(b: PricedBid, windowEnd: number): HighestBid {
  return { auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, windowEnd };
}
