// What the throughput suite's job modules share: the bid stream of the Nexmark-shaped jobs, and the sinks that tally
// their output and report it to the suite (which checks it against the plain loop).
export { bidStream, IN_ORDER_EXTRA_RECORDS } from './bidStream.ts';
export { latestPerKeySink, REPORT_CHANNEL_ENV, reportingSink, type SinkReport } from './reportingSink.ts';
