import type { SourceReader, SourceReaderContext } from './SourceReader.ts';
import type { SplitEnumerator, SplitEnumeratorContext } from './SplitEnumerator.ts';

/** A bounded source ends the job when read; an unbounded one runs until cancelled. */
export type Boundedness = 'bounded' | 'continuous-unbounded';

/** A piece of a source's input that one reader reads, e.g. a file range. Splits are plain data: they travel between
 * threads by structured clone and are stored in checkpoints with msgpack unless the source gives a serializer. */
export interface SourceSplit {
  readonly splitId: string;
}

/** Turns a value into bytes and back; versioned so that stored state can outlive a code change. */
export interface VersionedSerializer<T> {
  readonly version: number;
  serialize(value: T): Uint8Array;
  deserialize(version: number, bytes: Uint8Array): T;
}

/**
 * A FLIP-27 source: a factory of the split enumerator (which runs in the job manager) and of source readers (which run
 * in the tasks). The same object is built in the job manager and in every worker by the job's `build` function.
 */
export interface Source<T, Split extends SourceSplit, EnumState> {
  readonly boundedness: Boundedness;
  createEnumerator(context: SplitEnumeratorContext<Split>): SplitEnumerator<Split, EnumState>;
  restoreEnumerator(context: SplitEnumeratorContext<Split>, state: EnumState): SplitEnumerator<Split, EnumState>;
  createReader(context: SourceReaderContext): SourceReader<T, Split>;
  readonly splitSerializer?: VersionedSerializer<Split>;
  readonly enumeratorStateSerializer?: VersionedSerializer<EnumState>;
}

/** A message between a split enumerator and its readers; plain data. */
export type SourceEvent = unknown;
