// One mini-cluster per test file, the shape of Flink's MiniClusterExtension: started before the file's tests, closed
// after them, with a temporary directory of the file's own that holds the cluster's checkpoints and whatever the
// tests write (removed at the end).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MiniCluster, type MiniClusterOptions } from '@dhara/runtime';
import { afterAll, beforeAll } from 'vitest';

export interface MiniClusterFixtureOptions extends Omit<MiniClusterOptions, 'checkpointDir'> {
  /** Names the temporary directory: `dhara-<name>-XXXXXX` in the OS temp folder. */
  readonly name: string;
}

/** What a test file gets; every member is there from the file's first test (or beforeAll hook) on. */
export interface MiniClusterFixture {
  readonly cluster: MiniCluster;
  /** The file's temporary directory. */
  readonly dir: string;
  /** Where the cluster writes checkpoints: `<dir>/checkpoints`, one folder per job id. */
  readonly checkpointDir: string;
  /** A new, empty directory under `dir`, named `<prefix>-XXXXXX`. */
  tempDir(prefix: string): string;
}

/**
 * Registers beforeAll (make the directory, start the cluster) and afterAll (close the cluster, remove the directory)
 * in the calling test file or describe block, and returns the fixture.
 */
export function useMiniCluster(options: MiniClusterFixtureOptions): MiniClusterFixture {
  const { name, ...clusterOptions } = options;
  let dir: string | undefined;
  let cluster: MiniCluster | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `dhara-${name}-`));
    cluster = await MiniCluster.start({ ...clusterOptions, checkpointDir: path.join(dir, 'checkpoints') });
  });
  afterAll(async () => {
    await cluster?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) {
      throw new Error(`useMiniCluster('${name}'): the ${what} is there once beforeAll ran; use it in a test or hook`);
    }
    return value;
  };
  return {
    get cluster() {
      return started(cluster, 'cluster');
    },
    get dir() {
      return started(dir, 'temporary directory');
    },
    get checkpointDir() {
      return path.join(started(dir, 'temporary directory'), 'checkpoints');
    },
    tempDir: (prefix) => mkdtempSync(path.join(started(dir, 'temporary directory'), `${prefix}-`)),
  };
}
