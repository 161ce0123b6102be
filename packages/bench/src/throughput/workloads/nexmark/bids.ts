// Nexmark-shaped bids, generated from their index alone so that every thread (and every replay) makes the same bid.
// The shape follows the Nexmark generator: of every 50 events 1 is a person, 3 are auctions and 46 are bids; a bid
// goes to the hot auction (the first of the last block of 100) half the time, else to one of the ~100 auctions in
// flight; to a hot bidder 3 times in 4; 99 in 100 come through one of 4 hot channels, the rest through one of 10,000
// others; the price is log-uniform between $1 and $1,000,000 (in cents). Event time runs at 10,000 events per second,
// and each bid is up to MAX_OUT_OF_ORDERNESS_MS earlier than its slot (bounded out-of-orderness). Nexmark's `extra`
// padding string is left out.

export interface Bid {
  readonly auction: number;
  readonly bidder: number;
  /** Cents. */
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  /** Event time, epoch milliseconds. */
  readonly dateTime: number;
}

/** 2025-01-01T00:00:00Z. */
export const BIDS_T0 = 1_735_689_600_000;
export const EVENTS_PER_SECOND = 10_000;
/** No bid is more than this much earlier than the latest one before it. */
export const MAX_OUT_OF_ORDERNESS_MS = 100;

const FIRST_AUCTION_ID = 1_000;
const FIRST_PERSON_ID = 1_000;
const HOT_BLOCK = 100;
const AUCTIONS_IN_FLIGHT = 100;
const AUCTION_ID_LEAD = 10;
const ACTIVE_PEOPLE = 1_000;
const PERSON_ID_LEAD = 10;
const COLD_CHANNELS = 10_000;
const HOT_CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'] as const;
const HOT_URLS = HOT_CHANNELS.map((c) => `https://www.nexmark.com/${c.toLowerCase()}/item.htm?query=1`);
// Built once per thread, so that a bid costs no string building (as Nexmark's channel cache).
const COLD_NAMES = Array.from({ length: COLD_CHANNELS }, (_, n) => `channel-${n}`);
const COLD_URLS = COLD_NAMES.map(
  (_, n) => `https://www.nexmark.com/${(n * 7919) % 997}/${(n * 104_729) % 991}/item.htm?query=1&channel_id=${n}`,
);
/** Prices by 16 random bits: 10^(6u) dollars in cents, u uniform in [0, 1), tabulated so a bid costs no Math.pow. */
const PRICES = Float64Array.from({ length: 1 << 16 }, (_, k) => Math.round(10 ** ((k / (1 << 16)) * 6) * 100));

/** A murmur3 finaliser: well-spread 32 bits from any 32-bit input. */
function mix(x: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function bidAt(i: number): Bid {
  const epoch = Math.floor(i / 46);
  const eventId = epoch * 50 + 4 + (i - epoch * 46);
  const lastAuction = epoch * 3 + 2;
  const lastPerson = epoch;
  const a = mix(i);
  const b = mix(a);
  let auction: number;
  if ((a & 1) === 1) auction = Math.floor(lastAuction / HOT_BLOCK) * HOT_BLOCK;
  else {
    const min = Math.max(lastAuction - AUCTIONS_IN_FLIGHT, 0);
    auction = min + ((a >>> 1) % (lastAuction - min + 1 + AUCTION_ID_LEAD));
  }
  let bidder: number;
  if ((b & 3) !== 0) bidder = Math.floor(lastPerson / HOT_BLOCK) * HOT_BLOCK + 1;
  else {
    const people = lastPerson + 1;
    const active = Math.min(people, ACTIVE_PEOPLE);
    bidder = people - active + ((b >>> 2) % (active + PERSON_ID_LEAD));
  }
  const c = b >>> 16;
  const hot = c % 100 !== 0;
  const channel = hot ? HOT_CHANNELS[c & 3]! : COLD_NAMES[(a >>> 8) % COLD_CHANNELS]!;
  const url = hot ? HOT_URLS[c & 3]! : COLD_URLS[(a >>> 8) % COLD_CHANNELS]!;
  const dateTime =
    BIDS_T0 + Math.floor(eventId / (EVENTS_PER_SECOND / 1_000)) - ((a >>> 20) % (MAX_OUT_OF_ORDERNESS_MS + 1));
  return {
    auction: auction + FIRST_AUCTION_ID,
    bidder: bidder + FIRST_PERSON_ID,
    price: PRICES[b & 0xffff]!,
    channel,
    url,
    dateTime,
  };
}
