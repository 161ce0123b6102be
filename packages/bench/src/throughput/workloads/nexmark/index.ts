export { BIDS_T0, type Bid, bidAt, EVENTS_PER_SECOND, MAX_OUT_OF_ORDERNESS_MS } from './bids.ts';
export {
  currencyLoop,
  highestBidLoop,
  highestBidOf,
  hotItemsLoop,
  passthroughLoop,
  selectionLoop,
} from './loops.ts';
export * from './queries.ts';
