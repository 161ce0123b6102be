// A committing sink whose committer logs every commit call (subtask, checkpoint id, retry) to LOG_FILE; with
// RETRY_FOREVER=1 it answers every commit with retryLater.
import { appendFileSync } from 'node:fs';
import {
  defineJob,
  GeneratorSource,
  RestartStrategy,
  type TwoPhaseCommittingSink,
  WatermarkStrategy,
} from '@dhara/core';

interface Batch {
  subtask: number;
  seq: number;
  count: number;
}

function loggingSink(logFile: string, retryForever: boolean): TwoPhaseCommittingSink<number, Batch> {
  return {
    createWriter(context) {
      let seq = 0;
      let count = 0;
      return {
        write() {
          count++;
        },
        flush() {},
        prepareCommit() {
          const batch = { subtask: context.subtaskIndex, seq: seq++, count };
          count = 0;
          return [batch];
        },
        close() {},
      };
    },
    createCommitter(context) {
      return {
        commit(requests) {
          for (const r of requests) {
            appendFileSync(
              logFile,
              `${JSON.stringify({ ...r.committable, subtask: context.subtaskIndex, checkpointId: r.checkpointId, retry: r.numberOfRetries })}\n`,
            );
            if (retryForever) r.retryLater();
          }
        },
      };
    },
  };
}

export default defineJob('test-logging-committer', (env) => {
  env.enableCheckpointing(50);
  env.setRestartStrategy(RestartStrategy.none());
  env
    .fromSource(
      GeneratorSource.of({ count: 20_000, splits: 4, generate: (i) => i, ratePerSecond: 20_000 }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .rebalance()
    .sinkTo(loggingSink(process.env.LOG_FILE!, process.env.RETRY_FOREVER === '1'), 'logged')
    .uid('logged');
});
