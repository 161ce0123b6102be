// A TwoPhaseCommitSink that declares a transaction timeout, with checkpoint interval and timeout from the
// environment: the submit-time guard's subject.
import { defineJob, GeneratorSource, type SinkInitContext, TwoPhaseCommitSink, WatermarkStrategy } from '@dhara/core';

class ExpiringSink extends TwoPhaseCommitSink<number, { id: number }> {
  constructor(timeoutMs: number) {
    super();
    this.transactionTimeoutMs = timeoutMs;
  }
  protected beginTransaction(context: SinkInitContext) {
    return { id: context.subtaskIndex };
  }
  protected invoke() {}
  protected preCommit() {}
  protected commit() {}
  protected abort() {}
}

export default defineJob('test-tx-timeout', (env) => {
  env.enableCheckpointing(Number(process.env.TX_INTERVAL_MS));
  env.checkpointConfig.timeoutMs = Number(process.env.TX_CHECKPOINT_TIMEOUT_MS);
  env
    .fromSource(GeneratorSource.of({ count: 100, generate: (i) => i }), WatermarkStrategy.noWatermarks(), 'numbers')
    .sinkTo(new ExpiringSink(Number(process.env.TX_TIMEOUT_MS)), 'expiring')
    .uid('expiring');
});
