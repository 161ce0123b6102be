import { InvalidGraphError } from '../errors/index.ts';
import type {
  AggregateFunction,
  Collector,
  FilterFunction,
  FlatMapFunction,
  Key,
  KeySelector,
  MapFunction,
  OutputTag,
  ReduceFunction,
} from '../functions/index.ts';
import type { GraphBuilder, OperatorSpec, PartitionerSpec, StreamEnd } from '../graph/index.ts';
import type { CoProcessFunction, KeyedProcessFunction, ProcessContext, ProcessFunction } from '../process/index.ts';
import { printSink, type Sink } from '../sink/index.ts';
import type { WatermarkStrategy } from '../time/index.ts';
import type { ProcessWindowFunction, WindowAssigner, WindowFunctionSpec } from '../windowing/index.ts';
import { DataStreamSink } from './DataStreamSink.ts';
import { asInput, checkParallelism } from './operatorSettings.ts';

/**
 * A stream of elements of type T: the output of an operator, a side output, a union, or a repartitioning of one of
 * these. Operator settings (`name`, `uid`, `setParallelism`, `disableChaining`) apply to the operator that produced
 * the stream and fail on streams that no single operator produced.
 */
export class DataStream<T> {
  declare readonly __elementType?: T;

  /** @internal Streams are made by the environment and by other streams, not by users. */
  constructor(
    protected readonly graph: GraphBuilder,
    /** @internal */ readonly ends: readonly StreamEnd[],
  ) {}

  map<R>(fn: MapFunction<T, R>): DataStream<R> {
    return this.apply({ kind: 'map', fn });
  }

  flatMap<R>(fn: FlatMapFunction<T, R>): DataStream<R> {
    return this.apply({ kind: 'flatMap', fn });
  }

  filter(fn: FilterFunction<T>): DataStream<T> {
    return this.apply({ kind: 'filter', fn });
  }

  process<R>(fn: ProcessFunction<T, R>): DataStream<R> {
    return this.apply({ kind: 'process', fn });
  }

  /** Gives records event timestamps and emits watermarks after this point, replacing any upstream ones. */
  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): DataStream<T> {
    return this.apply({ kind: 'timestampsAndWatermarks', strategy });
  }

  /** Partitions by key: every element of a key goes to the subtask that owns the key's key group. */
  keyBy<K extends Key>(keySelector: KeySelector<T, K>): KeyedStream<T, K> {
    return new KeyedStream<T, K>(this.graph, this.repartitioned({ kind: 'keyGroup', keySelector }), keySelector);
  }

  union(...others: DataStream<T>[]): DataStream<T> {
    for (const other of others) {
      if (other.graph !== this.graph) throw new InvalidGraphError('union: the streams belong to different jobs');
    }
    return new DataStream<T>(this.graph, [...this.ends, ...others.flatMap((o) => o.ends)]);
  }

  connect<U>(other: DataStream<U>): ConnectedStreams<T, U> {
    if (other.graph !== this.graph) throw new InvalidGraphError('connect: the streams belong to different jobs');
    return new ConnectedStreams<T, U>(this.graph, this.ends, other.ends);
  }

  /** Spreads elements round robin over the next operator's subtasks. */
  rebalance(): DataStream<T> {
    return new DataStream<T>(this.graph, this.repartitioned({ kind: 'rebalance' }));
  }

  /** Sends every element to every subtask of the next operator. */
  broadcast(): DataStream<T> {
    return new DataStream<T>(this.graph, this.repartitioned({ kind: 'broadcast' }));
  }

  /** Subtask i feeds subtask i of the next operator; both must have the same parallelism. */
  forward(): DataStream<T> {
    return new DataStream<T>(this.graph, this.repartitioned({ kind: 'forward' }));
  }

  sinkTo(sink: Sink<T>, name = 'Sink'): DataStreamSink {
    const id = this.graph.add({ kind: 'sink', sink }, this.ends.map(asInput(0)), name);
    return new DataStreamSink(this.graph, id);
  }

  /** Prints every element to standard output (at-least-once: a restart may print again). */
  print(prefix?: string): DataStreamSink {
    return this.sinkTo(printSink<T>(prefix), 'Print');
  }

  /** The elements the producing operator sent to `tag` with `context.output(tag, value)`. */
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    const end = this.producer('getSideOutput');
    return new DataStream<X>(this.graph, [{ nodeId: end, partitioner: undefined, sideOutput: tag.id }]);
  }

  name(name: string): this {
    this.graph.draft(this.producer('name')).name = name;
    return this;
  }

  /** A stable id for the operator: its state is bound to it, so keep it across versions of a job. */
  uid(uid: string): this {
    if (uid.length === 0) throw new InvalidGraphError('uid: the uid must not be empty');
    this.graph.draft(this.producer('uid')).uid = uid;
    return this;
  }

  setParallelism(parallelism: number): this {
    checkParallelism(parallelism, 'setParallelism');
    this.graph.draft(this.producer('setParallelism')).parallelism = parallelism;
    return this;
  }

  /** Keeps the operator out of its input's chain (and its successors out of its own). */
  disableChaining(): this {
    this.graph.draft(this.producer('disableChaining')).chainable = false;
    return this;
  }

  protected apply<R>(spec: OperatorSpec): DataStream<R> {
    const id = this.graph.add(spec, this.ends.map(asInput(0)));
    return new DataStream<R>(this.graph, [{ nodeId: id, partitioner: undefined, sideOutput: undefined }]);
  }

  private repartitioned(partitioner: PartitionerSpec): StreamEnd[] {
    return this.ends.map((end) => ({ ...end, partitioner }));
  }

  private producer(method: string): number {
    const [only, ...rest] = this.ends;
    if (only === undefined || rest.length > 0 || only.partitioner !== undefined || only.sideOutput !== undefined) {
      throw new InvalidGraphError(
        `${method}() applies to an operator; this stream is a union, a side output or a repartitioning`,
      );
    }
    return only.nodeId;
  }
}

/** A stream partitioned by key. Keyed operators on it keep their state per key. */
export class KeyedStream<T, K extends Key> extends DataStream<T> {
  /** @internal */
  constructor(
    graph: GraphBuilder,
    ends: readonly StreamEnd[],
    readonly keySelector: KeySelector<T, K>,
  ) {
    super(graph, ends);
  }

  /** Emits, for every element, the running reduction of its key's elements so far. */
  reduce(fn: ReduceFunction<T>): DataStream<T> {
    return this.apply({ kind: 'keyedReduce', fn, keySelector: this.keySelector });
  }

  /** A function with keyed state and timers, called per element with the element's key as the current key. */
  override process<R>(fn: KeyedProcessFunction<K, T, R>): DataStream<R> {
    return this.apply({ kind: 'keyedProcess', fn, keySelector: this.keySelector });
  }

  /** Groups each key's elements into windows. */
  window(assigner: WindowAssigner): WindowedStream<T, K> {
    return new WindowedStream<T, K>(this.graph, this.ends, this.keySelector, assigner);
  }
}

/** A keyed stream cut into windows; a window function turns each window's elements into a result. */
export class WindowedStream<T, K extends Key> {
  private latenessMs = 0;
  private lateTag: string | undefined;

  /** @internal */
  constructor(
    private readonly graph: GraphBuilder,
    private readonly ends: readonly StreamEnd[],
    private readonly keySelector: KeySelector<T, K>,
    private readonly assigner: WindowAssigner,
  ) {}

  /** Keeps windows this long after they fire: a late element within it updates and re-fires its window. */
  allowedLateness(ms: number): this {
    if (!Number.isFinite(ms) || ms < 0) throw new InvalidGraphError(`allowedLateness: must be >= 0 ms, got ${ms}`);
    if (!this.assigner.isEventTime && ms > 0) {
      throw new InvalidGraphError('allowedLateness applies to event-time windows only');
    }
    this.latenessMs = ms;
    return this;
  }

  /** Sends elements too late for any window to this side output of the result stream, instead of dropping them. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.lateTag = tag.id;
    return this;
  }

  reduce(fn: ReduceFunction<T>): DataStream<T>;
  reduce<R>(fn: ReduceFunction<T>, windowFunction: ProcessWindowFunction<T, R, K>): DataStream<R>;
  reduce<R>(fn: ReduceFunction<T>, windowFunction?: ProcessWindowFunction<T, R, K>): DataStream<R> {
    return this.build({ kind: 'reduce', reduce: fn, process: windowFunction });
  }

  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): DataStream<V>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFunction: ProcessWindowFunction<V, R, K>): DataStream<R>;
  aggregate<ACC, V, R>(
    fn: AggregateFunction<T, ACC, V>,
    windowFunction?: ProcessWindowFunction<V, R, K>,
  ): DataStream<R> {
    return this.build({ kind: 'aggregate', aggregate: fn, process: windowFunction });
  }

  process<R>(windowFunction: ProcessWindowFunction<T, R, K>): DataStream<R> {
    return this.build({ kind: 'process', process: windowFunction });
  }

  private build<R>(windowFunction: WindowFunctionSpec): DataStream<R> {
    const spec: OperatorSpec = {
      kind: 'window',
      keySelector: this.keySelector,
      assigner: this.assigner,
      allowedLatenessMs: this.latenessMs,
      lateDataTag: this.lateTag,
      windowFunction,
    };
    const id = this.graph.add(spec, this.ends.map(asInput(0)), `Window(${this.assigner.description})`);
    return new DataStream<R>(this.graph, [{ nodeId: id, partitioner: undefined, sideOutput: undefined }]);
  }
}

/** Two streams, possibly of different types, that feed one two-input operator. */
export class ConnectedStreams<A, B> {
  /** @internal */
  constructor(
    private readonly graph: GraphBuilder,
    private readonly first: readonly StreamEnd[],
    private readonly second: readonly StreamEnd[],
  ) {}

  process<R>(fn: CoProcessFunction<A, B, R>): DataStream<R> {
    const inputs = [
      ...this.first.map((end) => ({ end, inputIndex: 0 as const })),
      ...this.second.map((end) => ({ end, inputIndex: 1 as const })),
    ];
    const id = this.graph.add({ kind: 'coProcess', fn }, inputs);
    return new DataStream<R>(this.graph, [{ nodeId: id, partitioner: undefined, sideOutput: undefined }]);
  }

  map<R>(first: (value: A) => R, second: (value: B) => R): DataStream<R> {
    return this.process<R>({
      processElement1: (v: A, _c: ProcessContext, out: Collector<R>) => out.collect(first(v)),
      processElement2: (v: B, _c: ProcessContext, out: Collector<R>) => out.collect(second(v)),
    });
  }

  flatMap<R>(
    first: (value: A, out: Collector<R>) => void,
    second: (value: B, out: Collector<R>) => void,
  ): DataStream<R> {
    return this.process<R>({
      processElement1: (v: A, _c: ProcessContext, out: Collector<R>) => first(v, out),
      processElement2: (v: B, _c: ProcessContext, out: Collector<R>) => second(v, out),
    });
  }
}
