import path from 'node:path';
import type { Committer, CommittingSinkInitContext, CommittingSinkWriter, TwoPhaseCommittingSink } from '@dhara/core';
import { type BucketAssigner, basePathBuckets } from './BucketAssigner.ts';
import { cleanupLeftovers } from './cleanupLeftovers.ts';
import { FileCommitter } from './FileCommitter.ts';
import { FileWriter } from './FileWriter.ts';
import type { FileCommittable } from './partFileNames.ts';
import { type ResolvedRollingPolicy, type RollingPolicy, resolveRollingPolicy } from './RollingPolicy.ts';

export interface FileSinkOptions<T> {
  /** The bucket (sub-directory) of each element; default: one bucket, the directory itself. */
  readonly bucketAssigner?: BucketAssigner<T>;
  /** Extra rolls by size and age; every checkpoint rolls in any case. */
  readonly rollingPolicy?: RollingPolicy;
  /** Part file names start with this (default `part`). Two sinks writing one directory need distinct prefixes. */
  readonly partPrefix?: string;
  /** Part file names end with this (default `.txt` for lines, `.jsonl` for JSON lines). */
  readonly partSuffix?: string;
}

/**
 * An exactly-once file sink of rows (Flink's `FileSink.forRowFormat`): one line per element, written into a part file
 * per subtask per bucket. A part file is written under a hidden in-progress name, closed and renamed to a hidden
 * pending name on the checkpoint barrier (or when the rolling policy rolls it), and renamed to its final, visible
 * name when the checkpoint completes. Without checkpointing (or in batch mode) everything commits at the end of
 * input. So a reader of the directory that skips dot-files only ever sees committed, complete files.
 */
export class FileSink<T> implements TwoPhaseCommittingSink<T, FileCommittable> {
  declare readonly __elementType?: T;
  readonly dir: string;
  private readonly bucketOf: BucketAssigner<T>;
  private readonly rolling: ResolvedRollingPolicy;
  private readonly prefix: string;
  private readonly suffix: string;

  private constructor(
    dir: string,
    private readonly encode: (element: T) => string,
    defaultSuffix: string,
    options: FileSinkOptions<T>,
  ) {
    this.dir = path.resolve(dir);
    this.bucketOf = options.bucketAssigner ?? basePathBuckets<T>();
    this.rolling = resolveRollingPolicy(options.rollingPolicy);
    this.prefix = options.partPrefix ?? 'part';
    this.suffix = options.partSuffix ?? defaultSuffix;
    if (!/^[\w-]+$/.test(this.prefix)) {
      throw new RangeError(`FileSink: partPrefix must be letters, digits, '_' or '-', got '${this.prefix}'`);
    }
  }

  /** Text lines: `String(element)` per line (an element must not contain a line break). */
  static lines<T = string>(dir: string, options: FileSinkOptions<T> = {}): FileSink<T> {
    return new FileSink<T>(dir, (e) => String(e), '.txt', options);
  }

  /** JSON lines: `JSON.stringify(element)` per line. */
  static jsonLines<T>(dir: string, options: FileSinkOptions<T> = {}): FileSink<T> {
    return new FileSink<T>(dir, (e) => JSON.stringify(e) ?? 'null', '.jsonl', options);
  }

  /** Any row format: `encode` turns an element into one line (without its line break). */
  static forRowFormat<T>(dir: string, encode: (element: T) => string, options: FileSinkOptions<T> = {}): FileSink<T> {
    return new FileSink<T>(dir, encode, '', options);
  }

  createWriter(context: CommittingSinkInitContext<never>): CommittingSinkWriter<T, FileCommittable> {
    // The restored committables were committed just before: any hidden file of this subtask left now is a leftover.
    if (context.restored || context.attemptNumber > 0) cleanupLeftovers(this.dir, this.prefix, context.subtaskIndex);
    return new FileWriter<T>({
      dir: this.dir,
      subtaskIndex: context.subtaskIndex,
      encode: this.encode,
      bucketOf: this.bucketOf,
      rolling: this.rolling,
      prefix: this.prefix,
      suffix: this.suffix,
    });
  }

  createCommitter(): Committer<FileCommittable> {
    return new FileCommitter(this.dir);
  }
}
