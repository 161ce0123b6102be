// Flink's UnalignedCheckpointITCase shape: a source of numbers -> rebalance -> map (fails on demand) -> keyBy ->
// a sequencer that numbers each key's records -> keyBy (hash shuffle) -> a verifier that checks every key's sequence
// numbers arrive once and in order, forwarding each record to a sink much slower than the source, so backpressure
// builds and in-flight data piles up in small buffers. The verifier's final state per key goes out once, when the
// input ends (its event-time timer at the end of time), to a collect sink.
import {
  collectSink,
  defineJob,
  GeneratorSource,
  type KeyedProcessFunction,
  outputTag,
  RestartStrategy,
  type Sink,
  type ValueState,
  valueState,
  WatermarkStrategy,
} from '@dhara/core';

export const RECORDS = Number(process.env.UNALIGNED_RECORDS ?? 60_000);
export const KEYS = 100;

interface Numbered {
  key: number;
  value: number;
  seq: number;
}

/** A key's final verdict. */
export interface Verdict {
  key: number;
  count: number;
  sum: number;
  duplicated: number;
  outOfOrder: number;
}

const FINAL = outputTag<Verdict>('final');

function sequencer(): KeyedProcessFunction<number, { key: number; value: number }, Numbered> {
  let next: ValueState<number> | undefined;
  return {
    open(context) {
      next = context.getState(valueState('next', { defaultValue: 0 }));
    },
    processElement(record, _context, out) {
      const seq = next!.value()!;
      next!.update(seq + 1);
      out.collect({ key: record.key, value: record.value, seq });
    },
  };
}

function verifier(): KeyedProcessFunction<number, Numbered, Numbered> {
  let state: ValueState<Omit<Verdict, 'key'>> | undefined;
  return {
    open(context) {
      state = context.getState(
        valueState('verdict', { defaultValue: { count: 0, sum: 0, duplicated: 0, outOfOrder: 0 } }),
      );
    },
    processElement(record, context, out) {
      const v = { ...state!.value()! };
      if (v.count === 0 && v.duplicated === 0 && v.outOfOrder === 0) {
        context.timerService.registerEventTimeTimer(Number.MAX_SAFE_INTEGER);
      }
      if (record.seq === v.count) {
        v.count++;
        v.sum += record.value;
      } else if (record.seq < v.count) {
        v.duplicated++;
      } else {
        v.outOfOrder++;
        v.count = record.seq + 1;
        v.sum += record.value;
      }
      state!.update(v);
      out.collect(record);
    },
    onTimer(_timestamp, context) {
      context.output(FINAL, { key: context.currentKey, ...state!.value()! });
    },
  };
}

/** Sleeps 1 ms after every `every` records: far slower than the source. */
function slowSink(every: number): Sink<Numbered> {
  return {
    createWriter() {
      let written = 0;
      return {
        write() {
          written++;
          if (written % every === 0) return new Promise<void>((resolve) => setTimeout(resolve, 1));
          return undefined;
        },
        flush() {},
        close() {},
      };
    },
  };
}

export default defineJob('test-unaligned-sequence', (env) => {
  env.enableCheckpointing(Number(process.env.CHECKPOINT_INTERVAL_MS ?? 100), 'exactly-once');
  env.checkpointConfig.unaligned = process.env.UNALIGNED !== 'false';
  env.checkpointConfig.alignedTimeoutMs = Number(process.env.ALIGNED_TIMEOUT_MS ?? 0);
  env.setRestartStrategy(RestartStrategy.fixedDelay(10, 50));
  const verified = env
    .fromSource(
      GeneratorSource.of({ count: RECORDS, splits: 8, generate: (i) => ({ key: i % KEYS, value: i }) }),
      WatermarkStrategy.noWatermarks(),
      'numbers',
    )
    .uid('numbers')
    .rebalance()
    .map((r) => ({ key: r.key, value: r.value }))
    .uid('map')
    .keyBy((r) => r.key)
    .process(sequencer())
    .uid('sequencer')
    .keyBy((r) => r.key)
    .process(verifier())
    .uid('verifier');
  verified.sinkTo(slowSink(Number(process.env.SINK_SLEEP_EVERY ?? 10))).name('slow-sink');
  verified.getSideOutput(FINAL).sinkTo(collectSink<Verdict>('final'));
});
