// The per-record work of the Nexmark-shaped queries, shared by the jobs (../jobs/nexmark) and the plain loops, so
// that both do exactly the same thing. Semantics follow Nexmark's query definitions:
//   q0 passthrough; q1 the price in euros (x 0.908); q2 the bids of auctions whose id is a multiple of 123;
//   q5 hot items: per sliding window (10 s, every 2 s) the auction(s) with the most bids;
//   q7 highest bid: per tumbling 10 s window the bid(s) with the highest price.
import { hashOf, hashStep } from '../checksum.ts';
import type { Bid } from './bids.ts';

export const DOLLAR_TO_EURO = 0.908;
export const Q2_AUCTION_MODULUS = 123;
export const Q5_WINDOW_MS = 10_000;
export const Q5_SLIDE_MS = 2_000;
export const Q7_WINDOW_MS = 10_000;

export interface EuroBid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly dateTime: number;
}

export interface AuctionPrice {
  readonly auction: number;
  readonly price: number;
}

/** One q5 result: an auction with the most bids in the window ending at windowEnd (ties: all of them). */
export interface HotItem {
  readonly auction: number;
  readonly count: number;
  readonly windowEnd: number;
}

/** A q5 intermediate: an auction's bid count in one window. */
export type AuctionCount = HotItem;

/** One q7 result: a bid with the highest price of the window ending at windowEnd (ties: all of them). */
export interface HighestBid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly dateTime: number;
  readonly windowEnd: number;
}

/** The fields of a bid that q7 emits: what its job keeps before the shuffle (as a planner's projection would). */
export interface PricedBid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly dateTime: number;
}

/** The highest price so far in a window and every bid that has it: q7's accumulator. */
export interface MaxBids {
  price: number;
  bids: PricedBid[];
}

export function toEuros(bid: Bid): EuroBid {
  return { auction: bid.auction, bidder: bid.bidder, price: bid.price * DOLLAR_TO_EURO, dateTime: bid.dateTime };
}

export function isSelectedAuction(bid: Bid): boolean {
  return bid.auction % Q2_AUCTION_MODULUS === 0;
}

export function toPricedBid(bid: Bid): PricedBid {
  return { auction: bid.auction, bidder: bid.bidder, price: bid.price, dateTime: bid.dateTime };
}

export function toAuctionPrice(bid: Bid): AuctionPrice {
  return { auction: bid.auction, price: bid.price };
}

/** Adds a bid to a window's highest bids (in place; returns the accumulator). */
export function addHighest(acc: MaxBids, bid: PricedBid): MaxBids {
  if (bid.price > acc.price) {
    acc.price = bid.price;
    acc.bids = [bid];
  } else if (bid.price === acc.price) acc.bids.push(bid);
  return acc;
}

export function mergeHighest(a: MaxBids, b: MaxBids): MaxBids {
  if (b.price > a.price) return b;
  if (b.price === a.price && b !== a) a.bids.push(...b.bids);
  return a;
}

export const emptyHighest = (): MaxBids => ({ price: Number.NEGATIVE_INFINITY, bids: [] });

// Output hashes: every field that the query emits (strings by their length, which keeps them cheap).
export const hashBid = (b: Bid): number =>
  hashStep(hashOf(b.auction, b.bidder, b.price, b.dateTime), b.channel.length * 1_024 + b.url.length);
export const hashEuroBid = (b: EuroBid): number => hashOf(b.auction, b.bidder, b.price, b.dateTime);
export const hashAuctionPrice = (b: AuctionPrice): number => hashOf(b.auction, b.price);
export const hashHotItem = (h: HotItem): number => hashOf(h.auction, h.count, h.windowEnd);
export const hashHighestBid = (h: HighestBid): number => hashOf(h.auction, h.bidder, h.price, h.dateTime, h.windowEnd);
