import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectToStore, JsonSerializer, ScalingPolicy } from '../src/index.ts';
import { kill, startServer, tempDir } from './helpers.ts';

/** Every event in the stream, via the batch client (head to tail). */
async function allEvents<T>(port: number, stream: string): Promise<T[]> {
  const client = await connectToStore('127.0.0.1', port);
  const batch = client.batchClient();
  const out: T[] = [];
  for (const r of await batch.getSegments('s', stream)) {
    for await (const e of batch.readSegment(r, new JsonSerializer<T>())) out.push(e);
  }
  await client.close();
  return out;
}

describe('crash recovery of a standalone server (SIGKILL)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('keeps every acknowledged event exactly once across kills during concurrent writes', async () => {
    const acked = new Set<string>();
    const sent = new Set<string>();
    let port = 0;
    for (let round = 0; round < 3; round++) {
      const server = await startServer(tmp.dir, port);
      port = server.port;
      const client = await connectToStore('127.0.0.1', port);
      if (round === 0) {
        await client.streamManager().createScope('s');
        await client.streamManager().createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(3) });
      }
      const writers = Array.from({ length: 4 }, () =>
        client.createEventWriter('s', 'st', new JsonSerializer<string>(), { retryAttempts: 0 }),
      );
      let stop = false;
      const loops = writers.map(async (w, wi) => {
        for (let i = 0; !stop; i++) {
          const id = `${round}/${wi}/${i}`;
          sent.add(id);
          w.writeEvent(`k${i % 13}`, id).then(
            () => acked.add(id),
            () => {},
          );
          if (i % 20 === 0) await new Promise((r) => setImmediate(r));
        }
      });
      await new Promise((r) => setTimeout(r, 300 + round * 100));
      await kill(server.child);
      stop = true;
      await Promise.all(loops);
      await new Promise((r) => setTimeout(r, 50));
      await client.close();
    }
    const server = await startServer(tmp.dir, port);
    const stored = await allEvents<string>(server.port, 'st');
    await kill(server.child);
    const counts = new Map<string, number>();
    for (const e of stored) counts.set(e, (counts.get(e) ?? 0) + 1);
    expect(acked.size).toBeGreaterThan(100);
    for (const id of acked) expect(counts.get(id), id).toBe(1);
    for (const [id, n] of counts) {
      expect(n, id).toBe(1);
      expect(sent.has(id)).toBe(true);
    }
  });

  it('keeps every transaction wholly visible or not at all across kills during commits', async () => {
    const committed = new Set<string>();
    let port = 0;
    const EVENTS = 30;
    for (let round = 0; round < 3; round++) {
      const server = await startServer(tmp.dir, port);
      port = server.port;
      const client = await connectToStore('127.0.0.1', port);
      if (round === 0) {
        await client.streamManager().createScope('s');
        await client.streamManager().createStream('s', 'tx', { scalingPolicy: ScalingPolicy.fixed(3) });
      }
      const tw = client.createTransactionalWriter('s', 'tx', new JsonSerializer<string>(), { retryAttempts: 0 });
      let stop = false;
      const loops = Array.from({ length: 4 }, async () => {
        while (!stop) {
          try {
            const txn = await tw.beginTxn();
            for (let i = 0; i < EVENTS; i++) void txn.writeEvent(`k${i % 5}`, `${txn.txnId}/${i}`);
            await txn.commit();
            committed.add(txn.txnId);
          } catch {
            return;
          }
        }
      });
      await new Promise((r) => setTimeout(r, 300 + round * 100));
      await kill(server.child);
      stop = true;
      await Promise.all(loops);
      await tw.close();
      await client.close();
    }
    const server = await startServer(tmp.dir, port);
    const stored = await allEvents<string>(server.port, 'tx');
    await kill(server.child);
    const perTxn = new Map<string, Set<number>>();
    for (const e of stored) {
      const [id, i] = e.split('/');
      let s = perTxn.get(id!);
      if (!s) {
        s = new Set();
        perTxn.set(id!, s);
      }
      expect(s.has(Number(i))).toBe(false);
      s.add(Number(i));
    }
    expect(committed.size).toBeGreaterThan(5);
    for (const id of committed) expect(perTxn.get(id)?.size, id).toBe(EVENTS);
    for (const [id, s] of perTxn) expect(s.size, id).toBe(EVENTS);
  });
});
