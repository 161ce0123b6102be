import {
  type CheckpointConfig,
  type CheckpointingMode,
  DEFAULT_CHECKPOINT_CONFIG,
  RestartStrategy,
  validateCheckpointConfig,
} from '../checkpoint/index.ts';
import { checkParallelism, DataStream } from '../datastream/index.ts';
import { InvalidGraphError } from '../errors/index.ts';
import { GraphBuilder, type StreamGraph } from '../graph/index.ts';
import { contiguousSplits, SequenceSource, type Source, type SourceSplit } from '../source/index.ts';
import { WatermarkStrategy } from '../time/index.ts';

/** Streaming (unbounded, checkpointed) or batch (bounded input, no checkpoints) execution. */
export type RuntimeMode = 'streaming' | 'batch';

/** Flink's default number of key groups. */
export const DEFAULT_MAX_PARALLELISM = 128;
const MAX_KEY_GROUPS = 32_768;

export interface EnvironmentOptions {
  readonly jobName: string;
  /** The parallelism of operators that set none; `env.setParallelism()` in `build` overrides it. */
  readonly defaultParallelism: number;
}

/**
 * Where a job's `build` declares its dataflow. The same `build` runs in the job manager and in every worker, so
 * everything it does must come out the same each time.
 */
export class StreamEnvironment {
  /** @internal The operators declared so far. */
  readonly graph = new GraphBuilder();
  private parallelism: number;
  private maxParallelism = DEFAULT_MAX_PARALLELISM;
  private autoWatermarkIntervalMs = 200;
  private restartStrategy: RestartStrategy | undefined;
  private runtimeMode: RuntimeMode = 'streaming';
  /** The checkpoint settings, a plain object to set fields on (`env.checkpointConfig.timeoutMs = 10_000`). */
  readonly checkpointConfig: CheckpointConfig = { ...DEFAULT_CHECKPOINT_CONFIG };

  constructor(readonly options: EnvironmentOptions) {
    checkParallelism(options.defaultParallelism, 'defaultParallelism');
    this.parallelism = options.defaultParallelism;
  }

  get jobName(): string {
    return this.options.jobName;
  }

  /** The parallelism of every operator that does not set its own. */
  setParallelism(parallelism: number): this {
    checkParallelism(parallelism, 'setParallelism');
    this.parallelism = parallelism;
    return this;
  }

  getParallelism(): number {
    return this.parallelism;
  }

  /** The number of key groups (default 128): the upper bound of any keyed operator's parallelism, for good. */
  setMaxParallelism(maxParallelism: number): this {
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > MAX_KEY_GROUPS) {
      throw new InvalidGraphError(
        `setMaxParallelism: must be an integer in [1, ${MAX_KEY_GROUPS}], got ${maxParallelism}`,
      );
    }
    this.maxParallelism = maxParallelism;
    return this;
  }

  getMaxParallelism(): number {
    return this.maxParallelism;
  }

  /**
   * Batch or streaming execution of the same program. In batch mode every source must be bounded and checkpointing
   * is off (a failed batch job restarts from the beginning); the job runs pipelined as in streaming mode, and ends
   * when its input does, with event time jumping to the end so that every window and timer fires.
   */
  setRuntimeMode(mode: RuntimeMode): this {
    if (mode !== 'streaming' && mode !== 'batch') {
      throw new InvalidGraphError(`setRuntimeMode: expected 'streaming' or 'batch', got '${String(mode)}'`);
    }
    this.runtimeMode = mode;
    return this;
  }

  /** Takes a checkpoint every `intervalMs`; exactly-once (aligned barriers) unless told otherwise. */
  enableCheckpointing(intervalMs: number, mode: CheckpointingMode = 'exactly-once'): this {
    this.checkpointConfig.intervalMs = intervalMs;
    this.checkpointConfig.mode = mode;
    validateCheckpointConfig(this.checkpointConfig);
    if (intervalMs === 0) throw new RangeError('enableCheckpointing: the interval must be positive');
    return this;
  }

  /** How failed jobs restart. With checkpointing on and no strategy set: fixed delay, no limit, 1 s (as Flink). */
  setRestartStrategy(strategy: RestartStrategy): this {
    this.restartStrategy = strategy;
    return this;
  }

  /** How often periodic watermark generators emit, in ms (default 200, as Flink). */
  setAutoWatermarkInterval(intervalMs: number): this {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
      throw new InvalidGraphError(`setAutoWatermarkInterval: must be a positive number of ms, got ${intervalMs}`);
    }
    this.autoWatermarkIntervalMs = intervalMs;
    return this;
  }

  fromSource<T, Split extends SourceSplit, EnumState>(
    source: Source<T, Split, EnumState>,
    watermarkStrategy: WatermarkStrategy<T>,
    name: string,
  ): DataStream<T> {
    const id = this.graph.add({ kind: 'source', source, watermarkStrategy }, [], `Source: ${name}`);
    return new DataStream<T>(this.graph, [{ nodeId: id, partitioner: undefined, sideOutput: undefined }]);
  }

  /**
   * A bounded stream of the given elements, read through the same source machinery as any other source. Like
   * Flink's, it runs with parallelism 1 unless told otherwise, so the elements come out in the given order.
   */
  fromElements<T>(...elements: T[]): DataStream<T> {
    const items = [...elements];
    const source = new SequenceSource<T>('bounded', contiguousSplits(items.length, 16), (i) => items[i]!);
    return this.fromSource(source, WatermarkStrategy.noWatermarks(), 'elements').setParallelism(1);
  }

  private refuseUnboundedSources(): void {
    for (const spec of this.graph.sourceSpecs()) {
      if (spec.source.boundedness !== 'bounded') {
        throw new InvalidGraphError(
          `job '${this.options.jobName}' runs in batch mode, but source '${spec.name}' is unbounded; batch mode needs ` +
            'bounded sources (use streaming mode, or bound the source)',
        );
      }
    }
  }

  /** @internal Resolves what `build` declared. */
  toStreamGraph(): StreamGraph {
    validateCheckpointConfig(this.checkpointConfig);
    const batch = this.runtimeMode === 'batch';
    if (batch) this.refuseUnboundedSources();
    const checkpointConfig = batch ? { ...this.checkpointConfig, intervalMs: 0 } : { ...this.checkpointConfig };
    const checkpointing = checkpointConfig.intervalMs > 0;
    const restartStrategy =
      this.restartStrategy ??
      (checkpointing ? RestartStrategy.fixedDelay(Number.POSITIVE_INFINITY, 1_000) : RestartStrategy.none());
    return this.graph.finish(this.options.jobName, this.parallelism, this.maxParallelism, {
      autoWatermarkIntervalMs: this.autoWatermarkIntervalMs,
      checkpointConfig,
      restartStrategy,
      runtimeMode: this.runtimeMode,
    });
  }
}
