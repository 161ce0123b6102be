// Nexmark q5, hot items: per sliding event-time window (10 s, every 2 s) the auction(s) with the most bids.
// Two keyed steps, as Flink plans the query: bid counts per auction and window, then, keyed by the window's end, the
// counts with the highest value. Window results carry the timestamp end - 1, so a tumbling window of one slide
// gathers exactly the counts of one sliding window, and fires once every count of it has arrived.
import { type AggregateFunction, defineJob, SlidingEventTimeWindows, TumblingEventTimeWindows } from '@dhara/core';
import { type AuctionCount, type HotItem, hashHotItem, Q5_SLIDE_MS, Q5_WINDOW_MS } from '../../workloads/index.ts';
import { bidStream, reportingSink } from '../lib/index.ts';

const countBids: AggregateFunction<number, number, number> = {
  createAccumulator: () => 0,
  add: (_bid, count) => count + 1,
  getResult: (count) => count,
  merge: (a, b) => a + b,
};

/** The highest count of a window and the auctions that have it. */
interface Leaders {
  count: number;
  auctions: number[];
}

const keepLeaders: AggregateFunction<AuctionCount, Leaders, Leaders> = {
  createAccumulator: () => ({ count: 0, auctions: [] }),
  add: (c, acc) => {
    if (c.count > acc.count) return { count: c.count, auctions: [c.auction] };
    if (c.count === acc.count) acc.auctions.push(c.auction);
    return acc;
  },
  getResult: (acc) => acc,
  merge: (a, b) =>
    a.count > b.count ? a : b.count > a.count ? b : { count: a.count, auctions: [...a.auctions, ...b.auctions] },
};

export default defineJob('nexmark-q5-hot-items', (env) => {
  bidStream(env, { inOrder: true })
    // Only the auction id crosses the shuffle (the event time travels with every record anyway).
    .map((b) => b.auction)
    .name('project')
    .uid('project')
    .setParallelism(1)
    .keyBy((auction) => auction)
    .window(SlidingEventTimeWindows.of(Q5_WINDOW_MS, Q5_SLIDE_MS))
    .aggregate<number, number, AuctionCount>(countBids, {
      process(auction, context, counts, out) {
        out.collect({ auction, count: counts[0]!, windowEnd: context.window.end });
      },
    })
    .name('count-per-auction')
    .uid('count-per-auction')
    .keyBy((c) => c.windowEnd)
    .window(TumblingEventTimeWindows.of(Q5_SLIDE_MS))
    .aggregate<Leaders, Leaders, HotItem>(keepLeaders, {
      process(windowEnd, _context, leaders, out) {
        const { count, auctions } = leaders[0]!;
        for (const auction of auctions) out.collect({ auction, count, windowEnd });
      },
    })
    .name('max-per-window')
    .uid('max-per-window')
    .sinkTo(reportingSink(hashHotItem), 'sink');
});
