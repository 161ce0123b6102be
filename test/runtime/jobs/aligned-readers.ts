// Two source readers with one split each, one fast (2 records per ms of wall time) and one slow (1 per ms); each
// record advances event time by 1 ms. ALIGN_DRIFT_MS set: watermark alignment in one group keeps the fast one within the drift.
// SLOW_SPLIT=1 instead gives reader 0 two splits, one of them slow: the reader's watermark is the slow split's.
import { collectSink, defineJob, InputStatus, type Source, type SourceReader, WatermarkStrategy } from '@dhara/core';

export const PER_SPLIT = 1500;

interface Split {
  splitId: string;
  position: number;
  slow: boolean;
  /** When the split may emit its next record (its pace does not bank time while the reader is held back). */
  nextAt?: number;
}

interface Reading {
  split: string;
  ts: number;
}

function reader(): SourceReader<Reading, Split> {
  const splits: Split[] = [];
  let noMoreSplits = false;
  return {
    start() {},
    pollNext(output) {
      if (splits.length === 0) return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      let more = false;
      for (const split of splits) {
        if (split.position >= PER_SPLIT) continue;
        // The slow split yields 1 record per ms of wall time, the fast one 2.
        const now = performance.now();
        if (now >= (split.nextAt ?? 0)) {
          split.nextAt = Math.max(split.nextAt ?? 0, now - 2) + (split.slow ? 1 : 0.5);
          output.createOutputForSplit(split.splitId).collect({ split: split.splitId, ts: split.position });
          split.position++;
        }
        if (split.position < PER_SPLIT) more = true;
      }
      if (!more) return InputStatus.END_OF_INPUT;
      return InputStatus.MORE_AVAILABLE;
    },
    isAvailable: () => new Promise<void>((resolve) => setTimeout(resolve, 1)),
    addSplits(added) {
      splits.push(...added.map((s) => ({ ...s })));
    },
    notifyNoMoreSplits() {
      noMoreSplits = true;
    },
    snapshotState: () => splits.map((s) => ({ ...s })),
  };
}

function twoReaders(slowSplitOnReaderZero: boolean): Source<Reading, Split, null> {
  return {
    boundedness: 'bounded',
    createEnumerator: (context) => ({
      start() {},
      addReader(subtask) {
        if (slowSplitOnReaderZero) {
          if (subtask === 0) {
            context.assignSplits(
              new Map([
                [
                  0,
                  [
                    { splitId: 'fast', position: 0, slow: false },
                    { splitId: 'slow', position: 0, slow: true },
                  ],
                ],
              ]),
            );
          } else {
            context.signalNoMoreSplits(subtask);
          }
          return;
        }
        context.assignSplit({ splitId: subtask === 0 ? 'fast' : 'slow', position: 0, slow: subtask === 1 }, subtask);
      },
      handleSplitRequest() {},
      addSplitsBack() {},
      snapshotState: () => null,
    }),
    restoreEnumerator(context) {
      return this.createEnumerator(context);
    },
    createReader: () => reader(),
  };
}

export default defineJob('test-aligned-readers', (env) => {
  env.setAutoWatermarkInterval(5);
  const drift = process.env.ALIGN_DRIFT_MS;
  let strategy = WatermarkStrategy.forMonotonousTimestamps<Reading>().withTimestampAssigner((r) => r.ts);
  if (drift !== undefined) strategy = strategy.withWatermarkAlignment('readers', Number(drift), 5);
  env
    .fromSource(twoReaders(process.env.SLOW_SPLIT === '1'), strategy, 'readers')
    .setParallelism(2)
    .sinkTo(collectSink<Reading>('readings'))
    .setParallelism(2);
});
