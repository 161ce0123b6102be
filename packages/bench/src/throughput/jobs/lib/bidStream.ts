// The bid stream every Nexmark-shaped bench job starts from: the generator source over bidAt, event time from
// dateTime with a bounded-out-of-orderness watermark, as Nexmark's sources declare.
import {
  BoundedOutOfOrdernessGenerator,
  type DataStream,
  GeneratorSource,
  MAX_WATERMARK,
  type StreamEnvironment,
  type WatermarkGenerator,
  WatermarkStrategy,
} from '@dhara/core';
import { type Bid, bidAt, MAX_OUT_OF_ORDERNESS_MS, recordCount } from '../../workloads/index.ts';

/**
 * Bounded out-of-orderness, and the end of event time at the end-of-bids marker (which follows the last bid). Why:
 * when its last split ends, a reader goes idle before the task ends its output; downstream of a shuffle, a task whose
 * other inputs went idle then lets the first finished input carry its watermark to the end of time while the other
 * inputs still send window results, which arrive late and are dropped (seen in q7 at parallelism 2). Ending event
 * time while the reader is still active fires every window in order before any input goes idle. The marker is needed
 * because the runtime calls onEvent before it emits the record: a watermark at the last bid would make it late.
 */
function endingAtMarker(): WatermarkGenerator<Bid> {
  const inner = new BoundedOutOfOrdernessGenerator<Bid>(MAX_OUT_OF_ORDERNESS_MS);
  return {
    onEvent(bid, timestamp, output) {
      if (bid === END_OF_BIDS) output.emitWatermark(MAX_WATERMARK);
      else inner.onEvent(bid, timestamp);
    },
    onPeriodicEmit: (output) => inner.onPeriodicEmit(output),
  };
}

/** Follows the last bid of an in-order stream; dropped right after the source, in the same thread. */
const END_OF_BIDS: Bid = Object.freeze({ auction: -1, bidder: -1, price: 0, channel: '', url: '', dateTime: 0 });

/** How many records the source of `bidStream(env, { inOrder: true })` reads beyond the bids: the marker. */
export const IN_ORDER_EXTRA_RECORDS = 1;

/**
 * `inOrder`: one reader reads the bids in index order, for jobs with event-time windows. With several readers, each
 * takes contiguous index ranges on request, and a reader that holds no range yet is idle (left out of the watermark),
 * so a reader that starts late would find its range already behind the watermark and its bids dropped as late.
 */
export function bidStream(env: StreamEnvironment, options: { inOrder?: boolean } = {}): DataStream<Bid> {
  const total = recordCount();
  if (!options.inOrder) {
    return env
      .fromSource(
        GeneratorSource.of<Bid>({ count: total, generate: bidAt }),
        WatermarkStrategy.forBoundedOutOfOrderness<Bid>(MAX_OUT_OF_ORDERNESS_MS).withTimestampAssigner(
          (b) => b.dateTime,
        ),
        'bids',
      )
      .uid('bids');
  }
  return env
    .fromSource(
      GeneratorSource.of<Bid>({
        count: total + IN_ORDER_EXTRA_RECORDS,
        splits: 1,
        generate: (i) => (i < total ? bidAt(i) : END_OF_BIDS),
      }),
      WatermarkStrategy.forGenerator<Bid>(endingAtMarker).withTimestampAssigner((b) => b.dateTime),
      'bids',
    )
    .uid('bids')
    .setParallelism(1)
    .filter((b) => b !== END_OF_BIDS)
    .name('drop-end-marker')
    .uid('drop-end-marker')
    .setParallelism(1); // chained to the source: the marker is compared by identity
}
