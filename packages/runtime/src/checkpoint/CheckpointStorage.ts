import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DharaError } from '@dhara/core';
import type { CheckpointMetadata, StateFileHandle } from './formats.ts';
import { decodeState, encodeState } from './stateCodec.ts';
import { zlib } from './zlibCrc.ts';

const METADATA = '_metadata';
const MAGIC = 0x44485241; // "DHRA"

/** A checkpoint or savepoint on disk that cannot be used: missing, truncated or tampered with. */
export class CorruptCheckpointError extends DharaError {
  constructor(
    readonly location: string,
    reason: string,
  ) {
    super('CORRUPT_CHECKPOINT', `checkpoint ${location} cannot be restored: ${reason}`);
  }
}

/** Writes a file durably: to a temporary name, fsync, rename over the final name. */
async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.inprogress`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The checkpoint storage of one job: `<base>/<jobId>/chk-<n>/` holds `_metadata` plus one state file per subtask
 * whose state is above the inline threshold (smaller state is inside `_metadata`).
 * Every file is checksummed; `_metadata` is written last, atomically (temp + fsync + rename + fsync of the folder),
 * so a checkpoint directory without a valid `_metadata` was never complete.
 */
export class CheckpointStorage {
  constructor(readonly jobDir: string) {}

  checkpointDir(checkpointId: number): string {
    return path.join(this.jobDir, `chk-${checkpointId}`);
  }

  /** Writes one subtask's state into a checkpoint directory (a worker calls this in its async phase). */
  static async writeStateFile(dir: string, name: string, bytes: Uint8Array): Promise<StateFileHandle> {
    await mkdir(dir, { recursive: true });
    await writeDurably(path.join(dir, name), bytes);
    return { file: name, size: bytes.byteLength, crc32: zlib.crc32(bytes) };
  }

  /** The handle of state small enough to travel in `_metadata`: nothing is written. */
  static inlineState(bytes: Uint8Array): StateFileHandle {
    return { file: '', size: bytes.byteLength, crc32: zlib.crc32(bytes), inline: bytes };
  }

  /** Reads a state file (or inline state) and checks it against its handle; the error names the file. */
  static async readStateFile(dir: string, handle: StateFileHandle): Promise<Uint8Array> {
    const file = handle.inline === undefined ? path.join(dir, handle.file) : `(inline in ${METADATA})`;
    let bytes: Uint8Array;
    try {
      bytes = handle.inline ?? (await readFile(file));
    } catch (error) {
      throw new CorruptCheckpointError(dir, `state file ${file} is missing (${(error as Error).message})`);
    }
    if (bytes.byteLength !== handle.size) {
      throw new CorruptCheckpointError(
        dir,
        `state file ${file} has ${bytes.byteLength} bytes, expected ${handle.size}`,
      );
    }
    if (zlib.crc32(bytes) !== handle.crc32) {
      throw new CorruptCheckpointError(dir, `state file ${file} fails its checksum`);
    }
    return bytes;
  }

  /** Writes `_metadata` atomically: the checkpoint is complete once this returns. */
  static async writeMetadata(dir: string, metadata: CheckpointMetadata): Promise<void> {
    await mkdir(dir, { recursive: true });
    const payload = encodeState(metadata);
    const framed = new Uint8Array(12 + payload.byteLength);
    const view = new DataView(framed.buffer);
    view.setUint32(0, MAGIC);
    view.setUint32(4, payload.byteLength);
    view.setUint32(8, zlib.crc32(payload));
    framed.set(payload, 12);
    await writeDurably(path.join(dir, METADATA), framed);
    await syncDirectory(dir);
  }

  /** Reads and checks `_metadata`, and that every state file it names is there with its size and checksum. */
  static async readMetadata(dir: string, verifyFiles = true): Promise<CheckpointMetadata> {
    let framed: Buffer;
    try {
      framed = await readFile(path.join(dir, METADATA));
    } catch {
      throw new CorruptCheckpointError(dir, 'it has no _metadata (it never completed)');
    }
    const view = new DataView(framed.buffer, framed.byteOffset, framed.byteLength);
    if (framed.byteLength < 12 || view.getUint32(0) !== MAGIC) {
      throw new CorruptCheckpointError(dir, '_metadata is not a Dhara checkpoint metadata file');
    }
    const length = view.getUint32(4);
    const payload = framed.subarray(12);
    if (payload.byteLength !== length) {
      throw new CorruptCheckpointError(dir, `_metadata is truncated (${payload.byteLength} of ${length} bytes)`);
    }
    if (zlib.crc32(payload) !== view.getUint32(8))
      throw new CorruptCheckpointError(dir, '_metadata fails its checksum');
    const metadata = decodeState<CheckpointMetadata>(payload);
    if (verifyFiles) {
      for (const task of metadata.tasks) await CheckpointStorage.readStateFile(dir, task.handle);
    }
    return metadata;
  }

  /** Completed checkpoint directories of this job, newest first (by id). */
  async completedCheckpointDirs(): Promise<{ id: number; dir: string }[]> {
    let names: string[];
    try {
      names = await readdir(this.jobDir);
    } catch {
      return [];
    }
    const found: { id: number; dir: string }[] = [];
    for (const name of names) {
      const match = /^chk-(\d+)$/.exec(name);
      if (match === null) continue;
      const dir = path.join(this.jobDir, name);
      try {
        await stat(path.join(dir, METADATA));
        found.push({ id: Number(match[1]), dir });
      } catch {
        // no _metadata: never completed
      }
    }
    return found.sort((a, b) => b.id - a.id);
  }

  /**
   * Deletes a checkpoint directory, `_metadata` first: a restore scanning the folder meanwhile sees a checkpoint
   * that never completed (skipped), never a complete one with state files missing.
   */
  static async remove(dir: string): Promise<void> {
    await rm(path.join(dir, METADATA), { force: true });
    await rm(dir, { recursive: true, force: true });
  }

  static encode(value: unknown): Uint8Array {
    return encodeState(value);
  }

  static decode<T>(bytes: Uint8Array): T {
    return decodeState<T>(bytes);
  }
}
