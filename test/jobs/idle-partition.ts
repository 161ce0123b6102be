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

/** Reader 0 gets the one split; reader 1 gets none and stays silent, like an empty Kafka partition. */
const twoPartitions: Source<Reading, Split, null> = {
  boundedness: 'continuous-unbounded',
  createEnumerator: (context) => ({
    start() {},
    addReader(subtask) {
      if (subtask === 0) context.assignSplit({ splitId: 'readings' }, 0);
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
    let wake: (() => void) | undefined;
    return {
      start() {},
      pollNext(output) {
        if (next < 0 || next >= READINGS.length) return InputStatus.NOTHING_AVAILABLE;
        output.collect(READINGS[next++]!);
        return InputStatus.MORE_AVAILABLE;
      },
      isAvailable: () =>
        next >= 0 && next < READINGS.length
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              wake = resolve;
            }),
      addSplits() {
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
