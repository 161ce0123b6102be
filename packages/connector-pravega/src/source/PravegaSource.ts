import type {
  Boundedness,
  ExternallyInducedSource,
  MasterTriggerRestoreHook,
  Source,
  SourceReader,
  SourceReaderContext,
  SplitEnumerator,
  SplitEnumeratorContext,
} from '@dhara/core';
import { type PravegaSourceOptions, type ResolvedSourceOptions, resolveSourceOptions } from './options.ts';
import { PravegaSourceReader } from './PravegaSourceReader.ts';
import {
  type PravegaEnumeratorState,
  type PravegaReaderSplit,
  PravegaSplitEnumerator,
} from './PravegaSplitEnumerator.ts';
import { ReaderCheckpointHook } from './ReaderCheckpointHook.ts';
import { ReaderGroupAccess } from './ReaderGroupAccess.ts';

/**
 * An externally induced FLIP-27 source over one Pravega reader group: the master hook starts a reader-group
 * checkpoint per engine checkpoint, each reader triggers the barrier at that checkpoint's marker, and a restore
 * resets the reader group to the checkpoint. Bounded when end cuts are given for every stream.
 */
export class PravegaSource<T>
  implements Source<T, PravegaReaderSplit, PravegaEnumeratorState>, ExternallyInducedSource
{
  readonly boundedness: Boundedness;
  readonly options: ResolvedSourceOptions<T>;
  private access: ReaderGroupAccess | undefined;

  constructor(options: PravegaSourceOptions<T>) {
    this.options = resolveSourceOptions(options);
    this.boundedness = this.options.bounded ? 'bounded' : 'continuous-unbounded';
  }

  /** One handle per job manager, shared by the enumerator and the hook. */
  private groupAccess(): ReaderGroupAccess {
    this.access ??= new ReaderGroupAccess(this.options as ResolvedSourceOptions<unknown>);
    return this.access;
  }

  createEnumerator(
    context: SplitEnumeratorContext<PravegaReaderSplit>,
  ): SplitEnumerator<PravegaReaderSplit, PravegaEnumeratorState> {
    return new PravegaSplitEnumerator(context, this.groupAccess(), undefined);
  }

  restoreEnumerator(
    context: SplitEnumeratorContext<PravegaReaderSplit>,
    state: PravegaEnumeratorState,
  ): SplitEnumerator<PravegaReaderSplit, PravegaEnumeratorState> {
    return new PravegaSplitEnumerator(context, this.groupAccess(), state);
  }

  createReader(context: SourceReaderContext): SourceReader<T, PravegaReaderSplit> {
    return new PravegaSourceReader(this.options, context);
  }

  createMasterHook(): MasterTriggerRestoreHook<unknown> {
    return new ReaderCheckpointHook(this.groupAccess(), this.options.checkpointInitiateTimeoutMs);
  }
}
