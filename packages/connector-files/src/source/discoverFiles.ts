import { access, constants, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileErrorOf } from './FileSourceErrors.ts';

export interface DiscoveredFile {
  readonly path: string;
  readonly size: number;
}

/** Files whose name starts with '.' or '_' are in-progress or hidden files, as in Flink's default filter. */
const isHidden = (name: string): boolean => name.startsWith('.') || name.startsWith('_');

/**
 * The files under `paths`: a file is itself, a directory is its files (recursively, sorted by name). Checks up front
 * that each path exists and can be read (listed, for a directory), with a typed error naming the path.
 */
export async function discoverFiles(paths: readonly string[]): Promise<DiscoveredFile[]> {
  const found: DiscoveredFile[] = [];
  for (const path of paths) await discover(path, found, true);
  return found;
}

async function discover(path: string, found: DiscoveredFile[], given: boolean): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => !isHidden(name)).sort();
      for (const name of names) await discover(join(path, name), found, false);
    } else if (info.isFile()) {
      await access(path, constants.R_OK);
      found.push({ path, size: info.size });
    }
  } catch (error) {
    // A file found in a directory may vanish before it is looked at; a path the user gave may not.
    if (!given && (error as { code?: unknown }).code === 'ENOENT') return;
    throw fileErrorOf(error, path);
  }
}
