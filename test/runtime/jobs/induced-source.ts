// An externally induced source: each split's data carries a checkpoint marker every MARKER_EVERY records (marker k
// before record k * MARKER_EVERY); the reader reports the marker's id through shouldTriggerCheckpoint() so the
// barrier of checkpoint k sits exactly there. INDUCED_SLOW=1 rate-limits the readers so that the coordinator's
// trigger arrives before the reader reaches the marker; otherwise the reader gets there first and waits.
import {
  collectSink,
  defineJob,
  type ExternallyInducedSource,
  type ExternallyInducedSourceReader,
  InputStatus,
  type KeyedProcessFunction,
  type MasterTriggerRestoreHook,
  type Source,
  type SourceReader,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';

export const MARKER_EVERY = 500;
export const MARKERS = 10;
const RECORDS_PER_SPLIT = MARKER_EVERY * (MARKERS + 1);
const SLOW_RECORDS_PER_MS = 10;

interface Split {
  splitId: string;
  position: number;
}

function reader(slow: boolean): SourceReader<{ split: string; index: number }, Split> & ExternallyInducedSourceReader {
  const splits: Split[] = [];
  let reached: number | undefined;
  let started = 0;
  let wake: (() => void) | undefined;
  return {
    start() {
      started = Date.now();
    },
    pollNext(output) {
      const split = splits[0];
      if (split === undefined) return InputStatus.NOTHING_AVAILABLE;
      if (split.position >= RECORDS_PER_SPLIT) return InputStatus.END_OF_INPUT;
      const allowed = slow ? (Date.now() - started) * SLOW_RECORDS_PER_MS : Number.POSITIVE_INFINITY;
      let emitted = 0;
      while (split.position < RECORDS_PER_SPLIT && split.position < allowed && emitted < 100) {
        output.collect({ split: split.splitId, index: split.position });
        split.position++;
        emitted++;
        if (split.position % MARKER_EVERY === 0 && split.position / MARKER_EVERY <= MARKERS) {
          // The marker: stop right here and tell the task which checkpoint belongs at this position.
          reached = split.position / MARKER_EVERY;
          return InputStatus.MORE_AVAILABLE;
        }
      }
      return split.position >= allowed ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    },
    shouldTriggerCheckpoint() {
      const id = reached;
      reached = undefined;
      return id;
    },
    isAvailable: () =>
      new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 5);
      }),
    addSplits(added) {
      splits.push(...added.map((s) => ({ ...s })));
      wake?.();
    },
    notifyNoMoreSplits() {},
    snapshotState: () => splits.map((s) => ({ ...s })),
  };
}

/** What the hook saw, for the test. */
export interface HookLog {
  triggered: number[];
}

function markerSource(
  slow: boolean,
): Source<{ split: string; index: number }, Split, Split[]> & ExternallyInducedSource {
  return {
    boundedness: 'bounded',
    createEnumerator(context) {
      return this.restoreEnumerator(context, [
        { splitId: 'a', position: 0 },
        { splitId: 'b', position: 0 },
      ]);
    },
    restoreEnumerator(context, state) {
      const unassigned = [...state];
      return {
        start() {},
        addReader(subtask) {
          const split = unassigned.find((s) => s.splitId === (subtask === 0 ? 'a' : 'b'));
          if (split === undefined) return;
          unassigned.splice(unassigned.indexOf(split), 1);
          context.assignSplit(split, subtask);
        },
        handleSplitRequest() {},
        addSplitsBack(splits) {
          unassigned.push(...splits);
        },
        snapshotState: () => [...unassigned],
      };
    },
    createReader: () => reader(slow),
    createMasterHook(): MasterTriggerRestoreHook<{ id: number }> {
      return {
        identifier: 'test-markers',
        async triggerCheckpoint(id) {
          return { id };
        },
        async restoreCheckpoint() {},
      };
    },
  };
}

function perSplitCount(): KeyedProcessFunction<
  string,
  { split: string; index: number },
  { split: string; count: number }
> {
  let count: ValueState<number> | undefined;
  return {
    open(context) {
      count = context.getState(valueState<number>('count', { defaultValue: 0 }));
    },
    processElement(record, context, out) {
      const next = count!.value()! + 1;
      count!.update(next);
      // Records must reach the counter in order: the index is the count so far.
      if (record.index !== next - 1) out.collect({ split: `out of order at ${record.index}`, count: next });
      if (next === RECORDS_PER_SPLIT) out.collect({ split: context.currentKey, count: next });
    },
  };
}

export default defineJob('test-induced-source', (env) => {
  env.enableCheckpointing(20);
  env.checkpointConfig.retained = 100;
  env.checkpointConfig.retainOnTermination = true;
  env
    .fromSource(markerSource(process.env.INDUCED_SLOW === '1'), WatermarkStrategy.noWatermarks(), 'markers')
    .uid('markers')
    .setParallelism(2)
    .keyBy((r) => r.split)
    .process(perSplitCount())
    .uid('per-split')
    .setParallelism(2)
    .sinkTo(collectSink('totals'));
});
