// Nexmark q7, highest bid: per tumbling 10 s event-time window the bid(s) with the highest price. In two steps, as
// Flink's local-global aggregation does: the highest bids per window within each of 64 partitions (keyed by the low
// bits of the price, which spread evenly where auctions and bidders are skewed), then per window across partitions.
// The partial results carry the timestamp end - 1, so the second window is the same 10 s window.
import { type AggregateFunction, defineJob, TumblingEventTimeWindows } from '@dhara/core';
import {
  addHighest,
  emptyHighest,
  type HighestBid,
  hashHighestBid,
  highestBidOf,
  type MaxBids,
  mergeHighest,
  type PricedBid,
  Q7_WINDOW_MS,
  toPricedBid,
} from '../../workloads/index.ts';
import { bidStream, reportingSink } from '../lib/index.ts';

const PARTITIONS = 64;

interface PartialHighest extends MaxBids {
  readonly windowEnd: number;
}

const highest: AggregateFunction<PricedBid, MaxBids, MaxBids> = {
  createAccumulator: emptyHighest,
  add: (bid, acc) => addHighest(acc, bid),
  getResult: (acc) => acc,
  merge: mergeHighest,
};

const highestOfPartials: AggregateFunction<PartialHighest, MaxBids, MaxBids> = {
  createAccumulator: emptyHighest,
  add: (partial, acc) => mergeHighest(acc, { price: partial.price, bids: [...partial.bids] }),
  getResult: (acc) => acc,
  merge: mergeHighest,
};

export default defineJob('nexmark-q7-highest-bid', (env) => {
  bidStream(env, { inOrder: true })
    // Only the fields q7 emits cross the shuffle (channel and url would triple the bytes to encode).
    .map(toPricedBid)
    .name('project')
    .uid('project')
    .setParallelism(1)
    .keyBy((b) => b.price % PARTITIONS)
    .window(TumblingEventTimeWindows.of(Q7_WINDOW_MS))
    .aggregate<MaxBids, MaxBids, PartialHighest>(highest, {
      process(_partition, context, partials, out) {
        const { price, bids } = partials[0]!;
        out.collect({ price, bids, windowEnd: context.window.end });
      },
    })
    .name('highest-per-partition')
    .uid('highest-per-partition')
    .keyBy((p) => p.windowEnd)
    .window(TumblingEventTimeWindows.of(Q7_WINDOW_MS))
    .aggregate<MaxBids, MaxBids, HighestBid>(highestOfPartials, {
      process(windowEnd, _context, results, out) {
        for (const b of results[0]!.bids) out.collect(highestBidOf(b, windowEnd));
      },
    })
    .name('highest-per-window')
    .uid('highest-per-window')
    .sinkTo(reportingSink(hashHighestBid), 'sink');
});
