import type {
  FilterFunction,
  FlatMapFunction,
  Key,
  KeySelector,
  MapFunction,
  ReduceFunction,
} from '../functions/index.ts';
import type { CoProcessFunction, KeyedProcessFunction, ProcessFunction } from '../process/index.ts';
import type { Sink } from '../sink/index.ts';
import type { Source } from '../source/index.ts';
import type { WatermarkStrategy } from '../time/index.ts';
import type { WindowAssigner, WindowFunctionSpec } from '../windowing/index.ts';

/**
 * What an operator does, as data: the runtime turns each kind into an operator instance. Functions are the user's
 * own, rebuilt in every worker by the job's `build`.
 */
export type OperatorSpec =
  | {
      readonly kind: 'source';
      readonly source: Source<any, any, any>;
      readonly watermarkStrategy: WatermarkStrategy<any>;
    }
  | { readonly kind: 'map'; readonly fn: MapFunction<any, any> }
  | { readonly kind: 'flatMap'; readonly fn: FlatMapFunction<any, any> }
  | { readonly kind: 'filter'; readonly fn: FilterFunction<any> }
  | { readonly kind: 'process'; readonly fn: ProcessFunction<any, any> }
  | { readonly kind: 'keyedReduce'; readonly fn: ReduceFunction<any>; readonly keySelector: KeySelector<any, Key> }
  | { readonly kind: 'coProcess'; readonly fn: CoProcessFunction<any, any, any> }
  | { readonly kind: 'timestampsAndWatermarks'; readonly strategy: WatermarkStrategy<any> }
  | {
      readonly kind: 'keyedProcess';
      readonly fn: KeyedProcessFunction<any, any, any>;
      readonly keySelector: KeySelector<any, Key>;
    }
  | {
      readonly kind: 'window';
      readonly keySelector: KeySelector<any, Key>;
      readonly assigner: WindowAssigner;
      readonly allowedLatenessMs: number;
      /** The side output that gets elements too late for their windows; without it they are dropped and counted. */
      readonly lateDataTag: string | undefined;
      readonly windowFunction: WindowFunctionSpec;
    }
  | { readonly kind: 'sink'; readonly sink: Sink<any> };

export type OperatorKind = OperatorSpec['kind'];

/** How records of an edge are spread over the consumer's subtasks. */
export type PartitionerSpec =
  | { readonly kind: 'forward' }
  | { readonly kind: 'rebalance' }
  | { readonly kind: 'broadcast' }
  | { readonly kind: 'keyGroup'; readonly keySelector: KeySelector<any, Key> };

export type PartitionerKind = PartitionerSpec['kind'];
