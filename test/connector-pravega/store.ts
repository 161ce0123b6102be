// The embedded store for the connector tests, served on loopback so the job manager and the worker threads reach it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonSerializer, type PravegaClient, PravegaStore, ScalingPolicy } from '@dhara/pravega';
import { MiniCluster } from '@dhara/runtime';
import { afterAll, beforeAll } from 'vitest';

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

/**
 * For a test file: a store on loopback and a mini-cluster beside it (checkpoints in the store's folder), started
 * before the file's tests and closed after them. The getter returns both.
 */
export function useStoreAndCluster(): () => { store: TestStore; cluster: MiniCluster } {
  let store: TestStore | undefined;
  let cluster: MiniCluster | undefined;
  beforeAll(async () => {
    store = await startStore();
    cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 4, checkpointDir: path.join(store.dir, 'chk') });
  });
  afterAll(async () => {
    await cluster?.close();
    await store?.close();
  });
  return () => ({ store: store!, cluster: cluster! });
}
