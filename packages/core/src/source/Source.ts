import type { SourceReader, SourceReaderContext } from './SourceReader.ts';
import type { SourceSplit } from './SourceSplit.ts';
import type { SplitEnumerator, SplitEnumeratorContext } from './SplitEnumerator.ts';

/** A bounded source ends the job when read; an unbounded one runs until cancelled. */
export type Boundedness = 'bounded' | 'continuous-unbounded';

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
