// Nexmark q0: every bid, unchanged (the cost of the source, the chain and the sink).
import { defineJob } from '@dhara/core';
import { hashBid } from '../../workloads/index.ts';
import { bidStream, reportingSink } from '../lib/index.ts';

export default defineJob('nexmark-q0-passthrough', (env) => {
  bidStream(env).sinkTo(reportingSink(hashBid), 'sink');
});
