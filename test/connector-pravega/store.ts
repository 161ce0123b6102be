// The embedded store for the connector tests, served on loopback so the job manager and the worker threads reach it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonSerializer, type PravegaClient, PravegaStore, ScalingPolicy } from '@dhara/pravega';
import type { MiniClusterOptions } from '@dhara/runtime';
import { afterAll, beforeAll } from 'vitest';
import { type MiniClusterFixture, useMiniCluster } from '../support/index.ts';

export interface TestStore {
  readonly port: number;
  readonly client: PravegaClient;
  readonly dir: string;
  close(): Promise<void>;
}

export async function startStore(): Promise<TestStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dhara-pravega-conn-'));
  const store = await PravegaStore.open({ dir: path.join(dir, 'store') });
  const port = await store.listen(0);
  const client = store.client();
  await client.streamManager().createScope('t');
  return {
    port,
    client,
    dir,
    close: async () => {
      await client.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createStream(client: PravegaClient, stream: string, segments: number): Promise<void> {
  await client.streamManager().createStream('t', stream, { scalingPolicy: ScalingPolicy.fixed(segments) });
}

/** Every committed event of a stream, head to tail (the batch client reads only what is in the stream). */
export async function readStream<T>(client: PravegaClient, stream: string): Promise<T[]> {
  const batch = client.batchClient();
  const out: T[] = [];
  for (const range of await batch.getSegments('t', stream)) {
    for await (const e of batch.readSegment(range, new JsonSerializer<T>())) out.push(e);
  }
  return out;
}

/** The mini-cluster fixture with a store beside it. */
export interface StoreAndCluster extends MiniClusterFixture {
  readonly store: TestStore;
}

/**
 * For a test file: a store on loopback and a mini-cluster beside it (2 workers x 4 slots unless told otherwise),
 * started before the file's tests and closed after them (the cluster first).
 */
export function useStoreAndCluster(
  options: Omit<MiniClusterOptions, 'checkpointDir'> = { workers: 2, slotsPerWorker: 4 },
): StoreAndCluster {
  let store: TestStore | undefined;
  // Registered before the cluster's hooks: afterAll hooks run in reverse order (vitest's default 'stack' sequence),
  // so the store closes after the cluster.
  beforeAll(async () => {
    store = await startStore();
  });
  afterAll(async () => {
    await store?.close();
  });
  const mini = useMiniCluster({ name: 'pravega-cluster', ...options });
  return {
    get store() {
      if (store === undefined) throw new Error('useStoreAndCluster: the store is there once beforeAll ran');
      return store;
    },
    get cluster() {
      return mini.cluster;
    },
    get dir() {
      return mini.dir;
    },
    get checkpointDir() {
      return mini.checkpointDir;
    },
    tempDir: (prefix) => mini.tempDir(prefix),
  };
}
