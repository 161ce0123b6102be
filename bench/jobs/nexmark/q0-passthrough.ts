// Nexmark q0: every bid, unchanged (the cost of the source, the chain and the sink).
import { defineJob } from '@dhara/core';
import { hashBid } from '../../lib/nexmark/index.ts';
import { reportingSink } from '../lib/index.ts';
import { bidStream } from './bids.ts';

export default defineJob('nexmark-q0-passthrough', (env) => {
  bidStream(env).sinkTo(reportingSink(hashBid), 'sink');
});
