export { CollectSink, collectSink } from './CollectSink.ts';
export type { CommitRequest, Committer } from './Committer.ts';
export { discardingSink, printSink } from './PrintSink.ts';
export type { Sink, SinkInitContext, SinkWriteContext, SinkWriter } from './Sink.ts';
export {
  CommitFailedError,
  CommitRetriesExhaustedError,
  SinkWriterNotSynchronousError,
  TransactionTimeoutError,
} from './SinkErrors.ts';
export { TwoPhaseCommitSink } from './TwoPhaseCommitSink.ts';
export {
  type CommittableSerializer,
  type CommittingSinkInitContext,
  type CommittingSinkWriter,
  isTwoPhaseCommittingSink,
  type TwoPhaseCommittingSink,
} from './TwoPhaseCommittingSink.ts';
export { checkTransactionTimeout } from './transactionTimeout.ts';
