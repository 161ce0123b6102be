// Nexmark q1: every bid with its price converted from dollars to euros.
import { defineJob } from '@dhara/core';
import { hashEuroBid, toEuros } from '../../workloads/index.ts';
import { bidStream, reportingSink } from '../lib/index.ts';

export default defineJob('nexmark-q1-currency', (env) => {
  bidStream(env).map(toEuros).name('to-euros').uid('to-euros').sinkTo(reportingSink(hashEuroBid), 'sink');
});
