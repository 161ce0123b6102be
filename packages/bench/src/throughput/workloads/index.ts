// What the throughput jobs and their plain loops share, so that both do exactly the same work: the records and their
// per-record functions, the Nexmark-shaped bids and queries, the plain loops (baseline a), and the tally (count and
// order-independent checksum) a job's output must match.
export { addToTally, combineTallies, emptyTally, hashOf, hashStep, type Tally } from './checksum.ts';
export * from './nexmark/index.ts';
export { chainedLoop, keyedLoop } from './plainLoops.ts';
export {
  type BenchRecord,
  hashKeyValue,
  hashRecord,
  keep,
  RECORDS_ENV,
  recordAt,
  recordCount,
  scale,
  sum,
} from './records.ts';
export { hashWindowCount, OUT_OF_ORDERNESS_MS, WINDOW_MS, type WindowCount } from './windowCount.ts';
export { windowsLoop } from './windowsLoop.ts';
