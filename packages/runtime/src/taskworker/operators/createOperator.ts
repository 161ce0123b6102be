import { CollectSink } from '@dhara/core';
import { isTwoPhaseCommittingSink, type StreamNode } from '@dhara/core/internal';
import { CollectSinkOperator } from './CollectSinkOperator.ts';
import { CommittingSinkOperator } from './CommittingSinkOperator.ts';
import {
  CoProcessOperator,
  FilterOperator,
  FlatMapOperator,
  MapOperator,
  ProcessOperator,
} from './functionOperators.ts';
import { KeyedProcessOperator } from './KeyedProcessOperator.ts';
import { KeyedReduceOperator } from './KeyedReduceOperator.ts';
import { SinkWriterOperator } from './SinkWriterOperator.ts';
import type { OperatorContext, StreamOperator } from './StreamOperator.ts';
import { TimestampsAndWatermarksOperator } from './TimestampsAndWatermarksOperator.ts';
import { WindowOperator } from './WindowOperator.ts';

/** The operator instance for a non-source node of the stream graph. */
export function createOperator(node: StreamNode, context: OperatorContext): StreamOperator {
  const spec = node.spec;
  switch (spec.kind) {
    case 'map':
      return new MapOperator(context, spec.fn);
    case 'filter':
      return new FilterOperator(context, spec.fn);
    case 'flatMap':
      return new FlatMapOperator(context, spec.fn);
    case 'process':
      return new ProcessOperator(context, spec.fn);
    case 'coProcess':
      return new CoProcessOperator(context, spec.fn);
    case 'keyedReduce':
      return new KeyedReduceOperator(context, spec.fn, spec.keySelector);
    case 'keyedProcess':
      return new KeyedProcessOperator(context, spec.fn, spec.keySelector);
    case 'window':
      return new WindowOperator(context, spec);
    case 'timestampsAndWatermarks':
      return new TimestampsAndWatermarksOperator(context, spec.strategy);
    case 'sink':
      if (spec.sink instanceof CollectSink) return new CollectSinkOperator(context, spec.sink.collectName);
      if (isTwoPhaseCommittingSink(spec.sink)) return new CommittingSinkOperator(context, spec.sink);
      return new SinkWriterOperator(context, spec.sink);
    case 'source':
      throw new Error(`source '${node.name}' is a chain head, not an operator`);
  }
}
