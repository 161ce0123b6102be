// The pipeline of scenarios 1 and 4 after its source: rebalance -> map x3 -> keyBy -> running sum (small keyed
// state) -> discarding sink. Three tasks per parallel instance: source | maps | sum + sink.
import { type DataStream, discardingSink } from '@dhara/core';

export interface Reading {
  readonly key: number;
  readonly value: number;
}

export function idlePipeline(readings: DataStream<Reading>): void {
  readings
    .rebalance()
    .map((r) => ({ key: r.key, value: r.value + 1 }))
    .name('map-1')
    .uid('map-1')
    .map((r) => ({ key: r.key, value: r.value * 2 }))
    .name('map-2')
    .uid('map-2')
    .map((r) => ({ key: r.key, value: r.value - 1 }))
    .name('map-3')
    .uid('map-3')
    .keyBy((r) => r.key)
    .reduce((a, b) => ({ key: a.key, value: a.value + b.value }))
    .name('sum')
    .uid('sum')
    .sinkTo(discardingSink(), 'discard');
}
