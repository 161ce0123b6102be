// Word count with a second keyed branch that reports which subtask saw each word.
import {
  type Collector,
  collectSink,
  defineJob,
  GeneratorSource,
  type ProcessFunction,
  WatermarkStrategy,
} from '@dhara/core';
import { lineAt } from './text.ts';

export const LINES = Number(process.env.TEST_LINES ?? 15_000);

export interface WordCount {
  word: string;
  count: number;
}

export interface Owner {
  word: string;
  subtask: number;
}

/** Emits each word once per subtask, with the index of the subtask that saw it. */
function ownerReporter(): ProcessFunction<WordCount, Owner> {
  const seen = new Set<string>();
  let subtask = -1;
  return {
    open(context) {
      subtask = context.subtaskIndex;
    },
    processElement(wc, _context, out) {
      if (seen.has(wc.word)) return;
      seen.add(wc.word);
      out.collect({ word: wc.word, subtask });
    },
  };
}

export default defineJob('test-wordcount', (env) => {
  const words = env
    .fromSource(
      GeneratorSource.of({ count: LINES, splits: 12, generate: lineAt }),
      WatermarkStrategy.noWatermarks(),
      'text',
    )
    .flatMap((line: string, out: Collector<WordCount>) => {
      for (const word of line.split(' ')) out.collect({ word, count: 1 } satisfies WordCount);
    })
    .uid('split');

  words
    .keyBy((wc) => wc.word)
    .reduce((a, b) => ({ word: a.word, count: a.count + b.count }))
    .uid('count')
    .sinkTo(collectSink<WordCount>('counts'));

  words
    .keyBy((wc) => wc.word)
    .process(ownerReporter())
    .uid('owners')
    .sinkTo(collectSink<Owner>('owners'));
});
