import type { GraphBuilder, StreamEnd } from '../environment/GraphBuilder.ts';
import { InvalidGraphError } from '../errors/index.ts';
import type {
  Collector,
  CoProcessFunction,
  FilterFunction,
  FlatMapFunction,
  Key,
  KeySelector,
  MapFunction,
  OutputTag,
  ProcessContext,
  ProcessFunction,
  ReduceFunction,
} from '../functions/index.ts';
import type { OperatorSpec, PartitionerSpec } from '../graph/index.ts';
import { printSink, type Sink } from '../sink/index.ts';
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
