// Two source partitions, one of them silent forever: event time only advances if the silent one is marked idle.
import {
  collectSink,
  defineJob,
  InputStatus,
  type Source,
  type SourceReader,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '@dhara/core';

interface Split {
  splitId: string;
}

interface Reading {
  key: string;
  ts: number;
}

/** Ten readings a second for 5 seconds of event time, then nothing (the source never ends). */
const READINGS: readonly Reading[] = Array.from({ length: 50 }, (_, i) => ({ key: `sensor-${i % 3}`, ts: i * 100 }));

/**
 * Reader 0 gets the split of readings; reader 1 gets a split that never yields anything, like an empty Kafka
 * partition. (A reader with no split at all would be idle at once, as in Flink.)
 */
const twoPartitions: Source<Reading, Split, null> = {
  boundedness: 'continuous-unbounded',
  createEnumerator: (context) => ({
    start() {},
    addReader(subtask) {
      context.assignSplit({ splitId: subtask === 0 ? 'readings' : 'silent' }, subtask);
    },
    handleSplitRequest() {},
    addSplitsBack() {},
    snapshotState: () => null,
  }),
  restoreEnumerator(context) {
    return this.createEnumerator(context);
  },
  createReader(): SourceReader<Reading, Split> {
    let next = -1;
    let split: string | undefined;
    let wake: (() => void) | undefined;
    return {
      start() {},
      pollNext(output) {
        if (split === undefined) return InputStatus.NOTHING_AVAILABLE;
        // The split's own output: its watermark generator (and idleness) is the split's.
        const splitOutput = output.createOutputForSplit(split);
        if (split === 'silent' || next >= READINGS.length) return InputStatus.NOTHING_AVAILABLE;
        splitOutput.collect(READINGS[next++]!);
        return InputStatus.MORE_AVAILABLE;
      },
      isAvailable: () =>
        split === 'readings' && next < READINGS.length
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              wake = resolve;
            }),
      addSplits(splits) {
        split = splits[0]!.splitId;
        next = 0;
        wake?.();
      },
      notifyNoMoreSplits() {},
      snapshotState: () => [],
    };
  },
};

export default defineJob('test-idle-partition', (env) => {
  const idleness = Number(process.env.IDLENESS_MS ?? 0);
  const strategy = WatermarkStrategy.forMonotonousTimestamps<Reading>().withTimestampAssigner((r) => r.ts);
  env
    .fromSource(twoPartitions, idleness > 0 ? strategy.withIdleness(idleness) : strategy, 'two partitions')
    .setParallelism(2)
    .keyBy((r) => r.key)
    .window(TumblingEventTimeWindows.of(1_000))
    .aggregate({
      createAccumulator: () => 0,
      add: (_r: Reading, n: number) => n + 1,
      getResult: (n) => n,
      merge: (a, b) => a + b,
    })
    .setParallelism(2)
    .sinkTo(collectSink<number>('counts'));
});
