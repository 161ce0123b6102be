// Nexmark q2: the auction and price of the bids on a few auctions (auction id a multiple of 123).
import { defineJob } from '@dhara/core';
import { hashAuctionPrice, isSelectedAuction, toAuctionPrice } from '../../workloads/index.ts';
import { bidStream, reportingSink } from '../lib/index.ts';

export default defineJob('nexmark-q2-selection', (env) => {
  bidStream(env)
    .filter(isSelectedAuction)
    .name('select')
    .uid('select')
    .map(toAuctionPrice)
    .name('project')
    .uid('project')
    .sinkTo(reportingSink(hashAuctionPrice), 'sink');
});
