// A committing sink whose flush finishes in the background (as a transaction's pending writes do): it writes the
// batch's marker file 30 ms after the barrier. The committer refuses a batch whose marker is missing, so a commit
// that did not wait for its flush fails the job. With FAIL_FLUSH_AT=n, the n-th flush of subtask 0 rejects instead.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  defineJob,
  GeneratorSource,
  RestartStrategy,
  type TwoPhaseCommittingSink,
  WatermarkStrategy,
} from '@dhara/core';

interface Batch {
  marker: string;
  count: number;
}

function asyncFlushSink(dir: string, failFlushAt: number): TwoPhaseCommittingSink<number, Batch> {
  return {
    createWriter(context) {
      let seq = 0;
      let count = 0;
      let marker = '';
      return {
        write() {
          count++;
        },
        flush() {
          marker = path.join(dir, `a${context.attemptNumber}-s${context.subtaskIndex}-${seq++}.flushed`);
          const written = count;
          const file = marker;
          const fail = context.subtaskIndex === 0 && seq === failFlushAt;
          return new Promise<void>((resolve, reject) =>
            setTimeout(() => {
              if (fail) {
                reject(new Error(`flush ${seq} of subtask 0 failed`));
                return;
              }
              writeFileSync(file, String(written));
              resolve();
            }, 30),
          );
        },
        prepareCommit() {
          const batch = { marker, count };
          count = 0;
          return batch.count === 0 ? [] : [batch];
        },
        close() {},
      };
    },
    createCommitter() {
      return {
        commit(requests) {
          for (const r of requests) {
            if (!existsSync(r.committable.marker)) throw new Error(`committed before flushed: ${r.committable.marker}`);
            writeFileSync(`${r.committable.marker}.committed`, String(r.committable.count));
          }
        },
      };
    },
  };
}

export default defineJob('test-async-flush', (env) => {
  env.enableCheckpointing(20);
  env.setRestartStrategy(RestartStrategy.none());
  env
    .fromSource(
      GeneratorSource.of({ count: 10_000, splits: 2, generate: (i) => i, ratePerSecond: 20_000 }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .rebalance()
    .sinkTo(asyncFlushSink(process.env.FLUSH_DIR!, Number(process.env.FAIL_FLUSH_AT ?? 0)), 'flushing')
    .uid('flushing');
});
