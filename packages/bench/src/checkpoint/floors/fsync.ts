// The durable-write floor of a checkpoint of `bytes` bytes, on the disk of the checkpoint folder: what the
// checkpoint commit pattern costs there — write a new file, fsync it, rename it into place, fsync the folder.
import { closeSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { median } from '../histogram.ts';

export interface FsyncFloor {
  readonly bytes: number;
  readonly samples: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Median of `samples` commits after 3 warm-ups, in a scratch folder inside `dir` (removed afterwards). */
export function measureFsyncFloor(dir: string, bytes: number, samples = 30): FsyncFloor {
  const scratch = mkdtempSync(path.join(dir, 'fsync-floor-'));
  const payload = Buffer.alloc(Math.max(1, Math.round(bytes)), 0x5a);
  const target = path.join(scratch, 'state');
  const times: number[] = [];
  try {
    for (let i = 0; i < samples + 3; i++) {
      const temporary = path.join(scratch, `state.${i}.tmp`);
      const t0 = performance.now();
      const fd = openSync(temporary, 'w');
      try {
        for (let offset = 0; offset < payload.length; ) offset += writeSync(fd, payload, offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, target);
      const folder = openSync(scratch, 'r');
      try {
        fsyncSync(folder);
      } finally {
        closeSync(folder);
      }
      if (i >= 3) times.push(performance.now() - t0);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return {
    bytes: payload.length,
    samples: times.length,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  };
}
