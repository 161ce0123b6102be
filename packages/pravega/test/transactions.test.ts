import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonSerializer, PravegaStore, ScalingPolicy } from '../src/index.ts';
import { readAll, tempDir } from './helpers.ts';

describe('transactions', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: PravegaStore;
  beforeEach(async () => {
    tmp = tempDir();
    store = await PravegaStore.open({ dir: tmp.dir, leaseCheckIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  async function setup(segments = 2) {
    const client = store.client();
    const mgr = client.streamManager();
    await mgr.createScope('s');
    await mgr.createStream('s', 'st', { scalingPolicy: ScalingPolicy.fixed(segments) });
    return { client, mgr, ser: new JsonSerializer<string>() };
  }

  it('commit makes all events visible at once, abort none; commit is idempotent', async () => {
    const { client, ser } = await setup();
    const tw = client.createTransactionalWriter('s', 'st', ser);
    const t1 = await tw.beginTxn();
    for (let i = 0; i < 50; i++) void t1.writeEvent(`k${i}`, `t1-${i}`);
    const t2 = await tw.beginTxn();
    for (let i = 0; i < 10; i++) void t2.writeEvent(`k${i}`, `t2-${i}`);
    await t1.flush();
    expect(await t1.checkStatus()).toBe('OPEN');
    const info = await client.streamManager().getStreamInfo('s', 'st');
    expect([...info.tailStreamCut.positions.values()].every((o) => o === 0)).toBe(true);
    await t1.commit();
    await t1.commit();
    expect(await t1.checkStatus()).toBe('COMMITTED');
    await t2.abort();
    expect(await t2.checkStatus()).toBe('ABORTED');
    await expect(t2.commit()).rejects.toMatchObject({ code: 'TXN_FAILED' });
    await client.readerGroupManager('s').createReaderGroup('g', { streams: ['st'] });
    const reader = await client.createReader('r', 's', 'g', ser);
    const got = await readAll(reader, 50);
    expect(got.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `t1-${i}`).sort());
    expect((await reader.readNextEvent(50)).event).toBeNull();
    await tw.close();
  });

  it('a lapsed lease aborts; getTxn resumes an open one from another client and keeps it alive', async () => {
    const { client, ser } = await setup();
    const a = client.createTransactionalWriter('s', 'st', ser, { transactionTimeoutMs: 300 });
    const lapsing = await a.beginTxn();
    await lapsing.writeEvent('k', 'lost');
    const kept = await a.beginTxn();
    await kept.writeEvent('k', 'kept');
    await kept.flush();
    await a.close(); // the first client stops pinging both
    const other = store.client().createTransactionalWriter('s', 'st', ser, { transactionTimeoutMs: 300 });
    const resumed = await other.getTxn(kept.txnId);
    expect(await resumed.checkStatus()).toBe('OPEN');
    await new Promise((r) => setTimeout(r, 900));
    expect(await lapsing.checkStatus()).toBe('ABORTED');
    expect(await resumed.checkStatus()).toBe('OPEN');
    await resumed.commit();
    expect(await resumed.checkStatus()).toBe('COMMITTED');
    await other.close();
  });

  it('committing after a scale sealed the parents lands every event, in order, after earlier events', async () => {
    const { client, mgr, ser } = await setup(1);
    const w = client.createEventWriter('s', 'st', ser);
    for (let i = 0; i < 10; i++) await w.writeEvent('a', `before-${i}`);
    const tw = client.createTransactionalWriter('s', 'st', ser);
    const txn = await tw.beginTxn();
    for (let i = 0; i < 10; i++) void txn.writeEvent('a', `txn-${i}`);
    await txn.flush();
    const [seg] = await mgr.getActiveSegments('s', 'st');
    await mgr.scaleStream(
      's',
      'st',
      [seg!.id],
      [
        { low: 0, high: 0.5 },
        { low: 0.5, high: 1 },
      ],
    );
    for (let i = 0; i < 10; i++) await w.writeEvent('a', `after-${i}`);
    await txn.commit();
    for (let i = 0; i < 10; i++) await w.writeEvent('a', `later-${i}`);
    await client.readerGroupManager('s').createReaderGroup('g', { streams: ['st'] });
    const reader = await client.createReader('r', 's', 'g', ser, { groupRefreshTimeMs: 10 });
    const got = await readAll(reader, 40);
    const expected = ['before', 'after', 'txn', 'later'].flatMap((p) =>
      Array.from({ length: 10 }, (_, i) => `${p}-${i}`),
    );
    expect(got).toEqual(expected);
    await tw.close();
  });
});
