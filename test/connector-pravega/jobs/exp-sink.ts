// generator -> map -> exactly-once PravegaTable.sink with a short lease (PRAVEGA_LEASE, allowance PRAVEGA_ALLOWANCE),
// whose committer holds back the first non-empty commit of subtask 0 in the first attempt by PRAVEGA_HOLD_MS:
// PRAVEGA_HOLD=block blocks the worker thread (nothing renews the lease: it lapses), PRAVEGA_HOLD=wait waits
// asynchronously (the lease is renewed meanwhile).
import { PravegaTable, type PravegaTransactionalSink } from '@dhara/connector-pravega';
import {
  type Committer,
  defineJob,
  GeneratorSource,
  RestartStrategy,
  type SinkInitContext,
  type TwoPhaseCommittingSink,
  WatermarkStrategy,
} from '@dhara/core';

export interface ExpRow {
  i: number;
  key: string;
}

function holdFirstCommit<T, C, S>(sink: TwoPhaseCommittingSink<T, C, S>): TwoPhaseCommittingSink<T, C, S> {
  const hold = process.env.PRAVEGA_HOLD;
  const holdMs = Number(process.env.PRAVEGA_HOLD_MS ?? 0);
  return {
    ...(sink.transactionTimeoutMs === undefined ? {} : { transactionTimeoutMs: sink.transactionTimeoutMs }),
    createWriter: (context) => sink.createWriter(context),
    createCommitter: (context: SinkInitContext): Committer<C> => {
      const inner = sink.createCommitter(context);
      let held = context.attemptNumber !== 0 || context.subtaskIndex !== 0;
      return {
        commit: async (requests) => {
          if (!held && requests.length > 0) {
            held = true;
            if (hold === 'block') for (const until = Date.now() + holdMs; Date.now() < until; );
            else await new Promise((resolve) => setTimeout(resolve, holdMs));
          }
          await inner.commit(requests);
        },
        close: async () => inner.close?.(),
      };
    },
  };
}

export default defineJob('test-pravega-expired-txn', (env) => {
  env.enableCheckpointing(100);
  env.checkpointConfig.timeoutMs = 1_000;
  env.checkpointConfig.tolerableFailures = 100;
  env.setRestartStrategy(RestartStrategy.fixedDelay(2, 50));
  const sink = PravegaTable.sink<ExpRow>({
    'controller-uri': `127.0.0.1:${process.env.PRAVEGA_PORT}`,
    scope: 't',
    format: 'json',
    'sink.stream': process.env.PRAVEGA_OUT!,
    'sink.semantic': 'exactly-once',
    'sink.txn-lease-renewal.interval': process.env.PRAVEGA_LEASE!,
    'sink.txn-lease.recovery-allowance': process.env.PRAVEGA_ALLOWANCE!,
    'sink.routing-key.field.name': 'key',
  }) as PravegaTransactionalSink<ExpRow>;
  env
    .fromSource(
      GeneratorSource.of({ count: 3000, splits: 2, generate: (i) => i, ratePerSecond: 3_000 }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers')
    .map((i): ExpRow => ({ i, key: `k${i % 7}` }))
    .uid('map')
    .sinkTo(holdFirstCommit(sink), 'pravega-exp')
    .uid('pravega-exp');
});
