// One generator -> keyBy -> process (throws on the very last record in the first attempt, after the other subtask
// has ended its input) -> FileSink, checkpoints every second: the end-of-input case of exactly-once (FLIP-147).
import { FileSink } from '@dhara/connector-files';
import { defineJob, GeneratorSource, type ProcessFunction, RestartStrategy, WatermarkStrategy } from '@dhara/core';

/** A committed line of the output files. */
export interface Row {
  i: number;
  key: number;
  doubled: number;
}

const RECORDS = Number(process.env.FS_RECORDS ?? 20_000);

function failOnLastRecord(): ProcessFunction<{ i: number; key: number }, Row> {
  let attempt = 0;
  return {
    open(context) {
      attempt = context.attemptNumber;
    },
    processElement(r, _context, out) {
      if (r.i === RECORDS - 1 && attempt === 0) {
        // Give the other subtask time to end its input (and, without a final checkpoint, to commit its tail).
        const until = Date.now() + 500;
        while (Date.now() < until) {}
        throw new Error('injected: failure on the last record');
      }
      out.collect({ i: r.i, key: r.key, doubled: r.i * 2 });
    },
  };
}

export default defineJob('test-tail-failure', (env) => {
  env.enableCheckpointing(1_000);
  env.setRestartStrategy(RestartStrategy.fixedDelay(2, 50));
  env
    .fromSource(
      GeneratorSource.of({ count: RECORDS, splits: 1, generate: (i) => ({ i, key: i % 97 }), ratePerSecond: 40_000 }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers')
    .setParallelism(1)
    .keyBy((r) => r.key)
    .process(failOnLastRecord())
    .uid('fail-on-last')
    .sinkTo(FileSink.jsonLines<Row>(process.env.FS_DIR!), 'files')
    .uid('files');
});
