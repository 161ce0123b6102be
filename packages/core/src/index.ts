// @dhara/core: the contracts a job author and a connector author see. No threads, no I/O.
// Every public name is listed here, by group; the plan the runtime needs is behind '@dhara/core/internal'.

// Checkpoints and hooks: checkpoint settings, restart strategies, and the master hooks of externally induced sources.
export {
  type CheckpointConfig,
  type CheckpointingMode,
  DEFAULT_CHECKPOINT_CONFIG,
  type ExternallyInducedSource,
  type ExternallyInducedSourceReader,
  type MasterTriggerRestoreHook,
  RestartStrategy,
  validateCheckpointConfig,
} from './checkpoint/index.ts';
// DataStream API.
export { ConnectedStreams, DataStream, DataStreamSink, KeyedStream, WindowedStream } from './datastream/index.ts';
// Job & environment: a job module's default export, and where its `build` declares the dataflow.
export {
  DEFAULT_MAX_PARALLELISM,
  type EnvironmentOptions,
  type RuntimeMode,
  StreamEnvironment,
} from './environment/index.ts';
// Errors: the base class, and every error a job or connector may meet (each defined beside what throws it).
export { DharaError, InvalidGraphError } from './errors/index.ts';
// Functions: the user function types, from plain element functions to keyed process functions with timers.
export {
  type AggregateFunction,
  type Collector,
  type FilterFunction,
  type FlatMapFunction,
  type Key,
  type KeySelector,
  type MapFunction,
  OutputTag,
  outputTag,
  type ReduceFunction,
} from './functions/index.ts';
export { defineJob, type JobDefinition, JobModuleError } from './job/index.ts';
export type {
  CoProcessFunction,
  KeyedProcessContext,
  KeyedProcessFunction,
  KeyedRuntimeContext,
  OnTimerContext,
  ProcessContext,
  ProcessFunction,
  RichFunction,
  RuntimeContext,
  TimerService,
} from './process/index.ts';
// Sinks: plain sinks, and the two-phase committing sink with its committer.
export {
  CollectSink,
  CommitFailedError,
  type CommitRequest,
  CommitRetriesExhaustedError,
  type CommittableSerializer,
  type Committer,
  type CommittingSinkInitContext,
  type CommittingSinkWriter,
  collectSink,
  discardingSink,
  printSink,
  type Sink,
  type SinkInitContext,
  type SinkWriteContext,
  type SinkWriter,
  SinkWriterNotSynchronousError,
  TransactionTimeoutError,
  TwoPhaseCommitSink,
  type TwoPhaseCommittingSink,
} from './sink/index.ts';
// Sources: the built-in ones (`GeneratorSource`, the sequence source behind `fromElements`), and for connector
// authors the FLIP-27 contracts and the reader base.
export {
  type Boundedness,
  contiguousSplits,
  GeneratorSource,
  type GeneratorSourceOptions,
  InputStatus,
  QueueSplitEnumerator,
  type ReaderInfo,
  type ReaderOutput,
  SequenceSource,
  type SequenceSplit,
  type Source,
  type SourceEvent,
  type SourceOutput,
  type SourceReader,
  type SourceReaderContext,
  type SourceSplit,
  type SplitEnumerator,
  type SplitEnumeratorContext,
  type VersionedSerializer,
} from './source/index.ts';
export {
  type FetcherMode,
  FetchQueue,
  isEmptyFetch,
  type RecordEmitter,
  RecordsWithSplitIds,
  SourceReaderBase,
  type SourceReaderBaseOptions,
  SplitFetcher,
  SplitFetcherManager,
  type SplitReader,
  type SplitRecords,
  type SplitsAddition,
  type SplitsChange,
} from './source/reader/index.ts';
// State: descriptors, the states a function reads and writes, and the stores that hand them out.
export {
  type AggregatingState,
  type AggregatingStateDescriptor,
  aggregatingState,
  type KeyedStateStore,
  type ListState,
  type ListStateDescriptor,
  listState,
  type MapState,
  type MapStateDescriptor,
  mapState,
  type OperatorStateStore,
  type ReducingState,
  type ReducingStateDescriptor,
  reducingState,
  type StateDescriptor,
  type StateTtlConfig,
  type ValueState,
  type ValueStateDescriptor,
  valueState,
} from './state/index.ts';
// Time & watermarks.
export {
  BoundedOutOfOrdernessGenerator,
  IdlenessGenerator,
  MAX_WATERMARK,
  MIN_WATERMARK,
  type TimestampAssigner,
  type WatermarkAlignment,
  type WatermarkGenerator,
  type WatermarkGeneratorContext,
  type WatermarkOutput,
  WatermarkStrategy,
} from './time/index.ts';
// Windows: assigners, window functions, and the time window with its helpers.
export {
  cover,
  EventTimeSessionWindows,
  intersects,
  MissingTimestampError,
  maxTimestamp,
  ProcessingTimeSessionWindows,
  type ProcessWindowContext,
  type ProcessWindowFunction,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  type TimeWindow,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  type WindowAssigner,
  windowStart,
} from './windowing/index.ts';
