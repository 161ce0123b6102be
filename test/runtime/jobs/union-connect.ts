// Union, connect (two inputs of different types) and side outputs in one job.
import { collectSink, defineJob, OutputTag } from '@dhara/core';

export const ODD = new OutputTag<number>('odd');

export default defineJob('test-union-connect', (env) => {
  const small = env.fromElements(1, 2, 3, 4, 5);
  const large = env.fromElements(100, 200, 300);
  const words = env.fromElements('a', 'bb', 'ccc');

  small
    .union(large)
    .rebalance()
    .map((n) => n * 10)
    .setParallelism(3)
    .sinkTo(collectSink<number>('union'));

  small
    .connect(words)
    .map(
      (n) => `number:${n}`,
      (w) => `word:${w}:${w.length}`,
    )
    .setParallelism(2)
    .sinkTo(collectSink<string>('connected'));

  const evens = large.union(small).process<number>({
    processElement(n, context, out) {
      if (n % 2 === 0) out.collect(n);
      else context.output(ODD, n);
    },
  });
  evens.sinkTo(collectSink<number>('even'));
  evens
    .getSideOutput(ODD)
    .map((n) => -n)
    .sinkTo(collectSink<number>('odd'));
});
