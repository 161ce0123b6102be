import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CommittingSinkWriter, SinkWriteContext } from '@dhara/core';
import type { BucketAssigner } from './BucketAssigner.ts';
import { InProgressPart } from './InProgressPart.ts';
import type { FileCommittable } from './partFileNames.ts';
import { partFileNames } from './partFileNames.ts';
import type { ResolvedRollingPolicy } from './RollingPolicy.ts';

export interface FileWriterSettings<T> {
  readonly dir: string;
  readonly subtaskIndex: number;
  readonly encode: (element: T) => string;
  readonly bucketOf: BucketAssigner<T>;
  readonly rolling: ResolvedRollingPolicy;
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * One subtask's writer (Flink's `FileWriter`): an open in-progress part file per bucket; a part that reaches the
 * size or age limit is closed for commit and a new one opened; on each barrier every open part is closed for commit
 * and the pending files of the checkpoint are handed over as committables.
 */
export class FileWriter<T> implements CommittingSinkWriter<T, FileCommittable> {
  private readonly open = new Map<string, InProgressPart>();
  private pending: FileCommittable[] = [];
  private readonly token = randomBytes(4).toString('hex');
  private counter = 0;
  private readonly bucketsMade = new Set<string>();

  constructor(private readonly settings: FileWriterSettings<T>) {}

  write(element: T, context: SinkWriteContext): void {
    const { bucketOf, encode, rolling } = this.settings;
    const bucket = bucketOf(element, context);
    let part = this.open.get(bucket);
    if (part !== undefined && Date.now() - part.openedAt >= rolling.rolloverIntervalMs) {
      this.roll(bucket, part);
      part = undefined;
    }
    part ??= this.openPart(bucket);
    part.append(encode(element));
    if (part.size >= rolling.maxPartSizeBytes) this.roll(bucket, part);
  }

  flush(): void {
    for (const part of this.open.values()) part.writeBuffered();
  }

  prepareCommit(): FileCommittable[] {
    for (const [bucket, part] of this.open) this.roll(bucket, part);
    const done = this.pending;
    this.pending = [];
    return done;
  }

  /** Open parts of an unfinished run are discarded; pending ones stay for a restore to commit or clean. */
  close(): void {
    for (const part of this.open.values()) part.discard();
    this.open.clear();
  }

  private roll(bucket: string, part: InProgressPart): void {
    this.pending.push(part.closeForCommit());
    this.open.delete(bucket);
  }

  private openPart(bucket: string): InProgressPart {
    const { dir, prefix, subtaskIndex, suffix } = this.settings;
    if (!this.bucketsMade.has(bucket)) {
      mkdirSync(path.join(dir, bucket), { recursive: true });
      this.bucketsMade.add(bucket);
    }
    const name = partFileNames.final(prefix, subtaskIndex, this.token, this.counter++, suffix);
    const part = new InProgressPart(dir, bucket, name);
    this.open.set(bucket, part);
    return part;
  }
}
