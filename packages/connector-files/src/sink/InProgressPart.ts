import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { type FileCommittable, partFileNames } from './partFileNames.ts';

const WRITE_BUFFER_BYTES = 64 * 1024;

/**
 * One open part file: lines are buffered and written in 64 KiB chunks to the hidden in-progress file. Closing it for
 * commit writes the rest, fsyncs, and renames it to its hidden pending name: it is then complete, and only the
 * committer's rename makes it visible. All I/O is synchronous, as the barrier waits for it.
 */
export class InProgressPart {
  private readonly fd: number;
  private buffered: string[] = [];
  private bufferedBytes = 0;
  /** Bytes written or buffered. */
  size = 0;
  readonly openedAt = Date.now();

  constructor(
    private readonly dir: string,
    private readonly bucket: string,
    private readonly name: string,
  ) {
    this.fd = openSync(this.path(partFileNames.inProgress(name)), 'wx');
  }

  append(line: string): void {
    const bytes = Buffer.byteLength(line) + 1;
    this.buffered.push(line);
    this.bufferedBytes += bytes;
    this.size += bytes;
    if (this.bufferedBytes >= WRITE_BUFFER_BYTES) this.writeBuffered();
  }

  writeBuffered(): void {
    if (this.buffered.length === 0) return;
    writeSync(this.fd, `${this.buffered.join('\n')}\n`);
    this.buffered = [];
    this.bufferedBytes = 0;
  }

  closeForCommit(): FileCommittable {
    this.writeBuffered();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.path(partFileNames.inProgress(this.name)), this.path(partFileNames.pending(this.name)));
    return { bucket: this.bucket, name: this.name };
  }

  /** Closes and deletes the file (its writer is closed without committing it). */
  discard(): void {
    closeSync(this.fd);
    unlinkSync(this.path(partFileNames.inProgress(this.name)));
  }

  private path(name: string): string {
    return path.join(this.dir, this.bucket, name);
  }
}
