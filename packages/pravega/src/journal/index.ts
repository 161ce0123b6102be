export { type FsyncPolicy, Journal, type ReplayedRecord } from './Journal.ts';
