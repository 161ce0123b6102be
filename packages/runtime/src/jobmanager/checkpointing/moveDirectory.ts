import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Moves a directory: a rename where possible, a copy and delete across file systems. */
export async function moveDirectory(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}
