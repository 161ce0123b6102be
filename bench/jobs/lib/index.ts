export { latestPerKeySink, REPORT_CHANNEL_ENV, reportingSink, type SinkReport } from './reportingSink.ts';
