import type {
  Collector,
  CoProcessFunction,
  FilterFunction,
  FlatMapFunction,
  MapFunction,
  OutputTag,
  ProcessContext,
  ProcessFunction,
  RichFunction,
} from '@dhara/core';
import { BaseOperator, type OperatorContext, type Output } from './StreamOperator.ts';

/** The shared part of operators that call one user function per record. */
abstract class FunctionOperator extends BaseOperator {
  protected readonly output: Output;
  protected timestamp: number | undefined;

  constructor(
    context: OperatorContext,
    private readonly rich: RichFunction | undefined,
  ) {
    super(context);
    this.output = context.output;
  }

  override open(): void | Promise<void> {
    return this.rich?.open?.(this.context.runtime);
  }

  override close(): void | Promise<void> {
    return this.rich?.close?.();
  }

  /** A collector that stamps what it emits with the timestamp of the record being processed. */
  protected collector(): Collector<unknown> {
    return { collect: (value) => this.output.emit(value, this.timestamp) };
  }

  protected processContext(): ProcessContext {
    // One context object per operator, read during the call only.
    const self = this;
    return {
      get timestamp() {
        return self.timestamp;
      },
      output<X>(tag: OutputTag<X>, value: X) {
        self.output.emitSide(tag.id, value, self.timestamp);
      },
    };
  }
}

export class MapOperator extends FunctionOperator {
  constructor(
    context: OperatorContext,
    private readonly fn: MapFunction<unknown, unknown>,
  ) {
    super(context, undefined);
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.output.emit(this.fn(value), timestamp);
  }
}

export class FilterOperator extends FunctionOperator {
  constructor(
    context: OperatorContext,
    private readonly fn: FilterFunction<unknown>,
  ) {
    super(context, undefined);
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    if (this.fn(value)) this.output.emit(value, timestamp);
  }
}

export class FlatMapOperator extends FunctionOperator {
  private readonly out = this.collector();

  constructor(
    context: OperatorContext,
    private readonly fn: FlatMapFunction<unknown, unknown>,
  ) {
    super(context, undefined);
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.timestamp = timestamp;
    this.fn(value, this.out);
  }
}

export class ProcessOperator extends FunctionOperator {
  private readonly out = this.collector();
  private readonly ctx = this.processContext();

  constructor(
    context: OperatorContext,
    private readonly fn: ProcessFunction<unknown, unknown>,
  ) {
    super(context, fn);
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.timestamp = timestamp;
    this.fn.processElement(value, this.ctx, this.out);
  }
}

export class CoProcessOperator extends FunctionOperator {
  private readonly out = this.collector();
  private readonly ctx = this.processContext();

  constructor(
    context: OperatorContext,
    private readonly fn: CoProcessFunction<unknown, unknown, unknown>,
  ) {
    super(context, fn);
  }

  processElement(value: unknown, timestamp: number | undefined, inputIndex: 0 | 1): void {
    this.timestamp = timestamp;
    if (inputIndex === 0) this.fn.processElement1(value, this.ctx, this.out);
    else this.fn.processElement2(value, this.ctx, this.out);
  }
}
