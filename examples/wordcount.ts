// Word count over a generated text: the foundation's demo job. Bounded, so it ends by itself.
//   npx dhara run examples/wordcount.ts --parallelism 2
import { type Collector, defineJob, GeneratorSource, WatermarkStrategy } from '@dhara/core';

interface WordCount {
  word: string;
  count: number;
}

const VOCABULARY = ['stream', 'flow', 'river', 'dhara', 'current', 'tide', 'wave', 'delta', 'brook', 'source'];
const LINES = Number(process.env.WORDCOUNT_LINES ?? 20_000);

/** Line i of the text: 5 to 9 words, chosen by a fixed formula so that every thread makes the same text. */
export function lineAt(i: number): string {
  const words: string[] = [];
  const length = 5 + (i % 5);
  for (let w = 0; w < length; w++) words.push(VOCABULARY[(i * 7 + w * w * 3 + (i >> 3)) % VOCABULARY.length]!);
  return words.join(' ');
}

export default defineJob('wordcount', (env) => {
  env
    .fromSource(GeneratorSource.of({ count: LINES, generate: lineAt }), WatermarkStrategy.noWatermarks(), 'lines')
    .flatMap((line: string, out: Collector<WordCount>) => {
      for (const word of line.split(' ')) out.collect({ word, count: 1 });
    })
    .name('split')
    .uid('split')
    .keyBy((wc) => wc.word)
    .reduce((a, b) => ({ word: a.word, count: a.count + b.count }))
    .name('count')
    .uid('count')
    .filter((wc) => wc.count % 5_000 === 0)
    .name('every 5000th')
    .print('progress');
});
