import {
  BoundedOutOfOrdernessGenerator,
  IdlenessGenerator,
  type WatermarkGenerator,
  type WatermarkGeneratorContext,
} from './WatermarkGenerator.ts';

/** Gives a record its event timestamp; `recordTimestamp` is the one the source attached, if any. */
export type TimestampAssigner<T> = (event: T, recordTimestamp: number | undefined) => number;

/** Keeps sources of one group within `maxDriftMs` of each other's watermarks (FLIP-182). */
export interface WatermarkAlignment {
  readonly group: string;
  readonly maxDriftMs: number;
  readonly updateIntervalMs: number;
}

interface StrategyParts<T> {
  readonly generator: ((context: WatermarkGeneratorContext) => WatermarkGenerator<T>) | undefined;
  readonly timestampAssigner: TimestampAssigner<T> | undefined;
  readonly idlenessMs: number | undefined;
  readonly alignment: WatermarkAlignment | undefined;
}

function checkDuration(what: string, ms: number, allowZero: boolean): void {
  if (!Number.isFinite(ms) || ms < 0 || (!allowZero && ms === 0)) {
    throw new RangeError(
      `WatermarkStrategy.${what}: expected a ${allowZero ? 'non-negative' : 'positive'} number of ms, got ${ms}`,
    );
  }
}

/**
 * How records get event timestamps and how watermarks follow them: a timestamp assigner plus a watermark generator,
 * optionally with idleness detection. Immutable: each `with...` returns a new strategy.
 */
export class WatermarkStrategy<T> {
  declare readonly __elementType?: T;

  private constructor(private readonly parts: StrategyParts<T>) {}

  /** No watermarks: event time never advances (timestamps may still travel with records). */
  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>({
      generator: undefined,
      timestampAssigner: undefined,
      idlenessMs: undefined,
      alignment: undefined,
    });
  }

  /** Timestamps only ever grow: the watermark is the highest timestamp seen minus 1. */
  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return WatermarkStrategy.forGenerator<T>(() => new BoundedOutOfOrdernessGenerator<T>(0));
  }

  /** Events may arrive up to `maxOutOfOrdernessMs` late: the watermark is max - bound - 1. */
  static forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T> {
    checkDuration('forBoundedOutOfOrderness', maxOutOfOrdernessMs, true);
    return WatermarkStrategy.forGenerator<T>(() => new BoundedOutOfOrdernessGenerator<T>(maxOutOfOrdernessMs));
  }

  /** A custom generator, made once per source subtask (or per operator subtask). */
  static forGenerator<T>(factory: (context: WatermarkGeneratorContext) => WatermarkGenerator<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>({
      generator: factory,
      timestampAssigner: undefined,
      idlenessMs: undefined,
      alignment: undefined,
    });
  }

  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>({ ...this.parts, timestampAssigner: assigner });
  }

  /** Marks the input idle after `idleTimeoutMs` of processing time without events, so it does not hold event time back. */
  withIdleness(idleTimeoutMs: number): WatermarkStrategy<T> {
    checkDuration('withIdleness', idleTimeoutMs, false);
    return new WatermarkStrategy<T>({ ...this.parts, idlenessMs: idleTimeoutMs });
  }

  withWatermarkAlignment(group: string, maxDriftMs: number, updateIntervalMs = 1_000): WatermarkStrategy<T> {
    checkDuration('withWatermarkAlignment', maxDriftMs, true);
    checkDuration('withWatermarkAlignment', updateIntervalMs, false);
    return new WatermarkStrategy<T>({ ...this.parts, alignment: { group, maxDriftMs, updateIntervalMs } });
  }

  /** True when the strategy makes watermarks at all. */
  get hasWatermarks(): boolean {
    return this.parts.generator !== undefined;
  }

  get timestampAssigner(): TimestampAssigner<T> | undefined {
    return this.parts.timestampAssigner;
  }

  get idlenessMs(): number | undefined {
    return this.parts.idlenessMs;
  }

  get alignment(): WatermarkAlignment | undefined {
    return this.parts.alignment;
  }

  /** The generator for one subtask, wrapped for idleness when asked; undefined for `noWatermarks`. */
  createGenerator(context: WatermarkGeneratorContext): WatermarkGenerator<T> | undefined {
    const generator = this.parts.generator?.(context);
    if (generator === undefined) return undefined;
    return this.parts.idlenessMs === undefined
      ? generator
      : new IdlenessGenerator(generator, this.parts.idlenessMs, context);
  }
}
