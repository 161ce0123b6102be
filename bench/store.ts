// Benchmark of @dhara/pravega: append throughput and latency next to the floor (the same bytes appended to a
// plain file with the same fsync policy), read throughput, transaction commit latency.
// Run: npx tsx bench/store.ts [--quick]      Writes bench/results/store.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BytesSerializer, connectToStore, type PravegaClient, PravegaStore, ScalingPolicy } from '@dhara/pravega';

const quick = process.argv.includes('--quick');
const scale = quick ? 0.1 : 1;

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dhara-store-bench-'));
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
}

/** Floor: the same framed bytes written to a plain file in 1 MiB writes, fdatasync after each. */
function floorThroughput(eventBytes: number, events: number): { eventsPerSec: number; mbPerSec: number } {
  const dir = tmp();
  const fd = fs.openSync(path.join(dir, 'floor.log'), 'w');
  const framed = eventBytes + 8;
  const perChunk = Math.max(1, Math.floor((1024 * 1024) / framed));
  const chunk = Buffer.alloc(perChunk * framed, 7);
  const t0 = performance.now();
  for (let done = 0; done < events; done += perChunk) {
    const n = Math.min(perChunk, events - done);
    fs.writeSync(fd, chunk, 0, n * framed);
    fs.fdatasyncSync(fd);
  }
  const s = (performance.now() - t0) / 1000;
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true });
  return { eventsPerSec: events / s, mbPerSec: (events * eventBytes) / s / 1e6 };
}

/** Floor latency: one small append + fdatasync. */
function floorLatency(eventBytes: number, n: number): { p50: number; p99: number } {
  const dir = tmp();
  const fd = fs.openSync(path.join(dir, 'lat.log'), 'w');
  const buf = Buffer.alloc(eventBytes + 8 + 16, 1);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fs.writeSync(fd, buf);
    fs.fdatasyncSync(fd);
    xs.push(performance.now() - t0);
  }
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true });
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
}

async function setupStream(client: PravegaClient, stream: string, segments: number): Promise<void> {
  const mgr = client.streamManager();
  await mgr.createScope('bench');
  await mgr.createStream('bench', stream, { scalingPolicy: ScalingPolicy.fixed(segments) });
}

async function appendThroughput(
  client: PravegaClient,
  stream: string,
  eventBytes: number,
  writers: number,
  events: number,
): Promise<{ eventsPerSec: number; mbPerSec: number }> {
  await setupStream(client, stream, writers);
  const payload = new Uint8Array(eventBytes).fill(42);
  const ws = Array.from({ length: writers }, () => client.createEventWriter('bench', stream, new BytesSerializer()));
  const per = Math.floor(events / writers);
  const t0 = performance.now();
  await Promise.all(
    ws.map(async (w, wi) => {
      // Bounded in-flight bytes: write in bursts, wait for the previous burst's acks.
      const burst = Math.max(1, Math.floor((4 * 1024 * 1024) / eventBytes));
      let prev: Promise<void> = Promise.resolve();
      for (let i = 0; i < per; ) {
        let last: Promise<void> = Promise.resolve();
        for (let j = 0; j < burst && i < per; j++, i++) last = w.writeEvent(`k${wi}-${i & 1023}`, payload);
        await prev;
        prev = last;
        await new Promise((r) => setImmediate(r));
      }
      await w.flush();
    }),
  );
  const s = (performance.now() - t0) / 1000;
  const n = per * writers;
  return { eventsPerSec: n / s, mbPerSec: (n * eventBytes) / s / 1e6 };
}

async function appendLatency(client: PravegaClient, n: number): Promise<{ p50: number; p99: number }> {
  await setupStream(client, 'lat', 1);
  const w = client.createEventWriter('bench', 'lat', new BytesSerializer());
  const payload = new Uint8Array(100).fill(1);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await w.writeEvent('k', payload);
    xs.push(performance.now() - t0);
  }
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
}

async function readThroughput(client: PravegaClient, stream: string, events: number, eventBytes: number) {
  const rgm = client.readerGroupManager('bench');
  await rgm.createReaderGroup(`rg-${stream}`, { streams: [stream] });
  const reader = await client.createReader('r', 'bench', `rg-${stream}`, new BytesSerializer());
  let n = 0;
  const t0 = performance.now();
  while (n < events) {
    const e = await reader.readNextEvent(1000);
    if (e.event !== null) n++;
    else if (!e.isCheckpoint) break;
  }
  const s = (performance.now() - t0) / 1000;
  await reader.close();
  return { eventsPerSec: n / s, mbPerSec: (n * eventBytes) / s / 1e6, events: n };
}

async function txnCommitLatency(client: PravegaClient, n: number): Promise<{ p50: number; p99: number }> {
  await setupStream(client, 'txn', 2);
  const tw = client.createTransactionalWriter('bench', 'txn', new BytesSerializer());
  const payload = new Uint8Array(100).fill(3);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const txn = await tw.beginTxn();
    for (let j = 0; j < 10; j++) void txn.writeEvent(`k${j}`, payload);
    await txn.flush();
    const t0 = performance.now();
    await txn.commit();
    xs.push(performance.now() - t0);
  }
  await tw.close();
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
}

async function withStore<T>(fn: (client: PravegaClient, store: PravegaStore) => Promise<T>): Promise<T> {
  const dir = tmp();
  const store = await PravegaStore.open({ dir });
  try {
    return await fn(store.client(), store);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Record<string, unknown>[] = [];
const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(3));

const cases: [number, number, number][] = [
  [100, 1, Math.round(1_000_000 * scale)],
  [100, 4, Math.round(2_000_000 * scale)],
  [10_240, 1, Math.round(40_000 * scale)],
  [10_240, 4, Math.round(80_000 * scale)],
];
for (const [bytes, writers, events] of cases) {
  const floor = floorThroughput(bytes, events);
  const embedded = await withStore((c) => appendThroughput(c, 'tp', bytes, writers, events));
  const tcp = await withStore(async (_c, store) => {
    const port = await store.listen(0);
    const client = await connectToStore('127.0.0.1', port);
    try {
      return await appendThroughput(client, 'tp', bytes, writers, events);
    } finally {
      await client.close();
    }
  });
  rows.push({
    test: `append ${bytes} B x ${writers} writer(s)`,
    events,
    embeddedEventsPerSec: embedded.eventsPerSec,
    embeddedMBps: embedded.mbPerSec,
    tcpEventsPerSec: tcp.eventsPerSec,
    tcpMBps: tcp.mbPerSec,
    floorEventsPerSec: floor.eventsPerSec,
    floorMBps: floor.mbPerSec,
    embeddedVsFloor: embedded.mbPerSec / floor.mbPerSec,
  });
}

const latN = Math.round(2000 * Math.max(scale, 0.25));
const floorLat = floorLatency(100, latN);
const lat = await withStore((c) => appendLatency(c, latN));
const latTcp = await withStore(async (_c, store) => {
  const client = await connectToStore('127.0.0.1', await store.listen(0));
  try {
    return await appendLatency(client, latN);
  } finally {
    await client.close();
  }
});
const readEvents = Math.round(1_000_000 * scale);
const read = await withStore(async (c) => {
  await appendThroughput(c, 'rd', 100, 1, readEvents);
  return readThroughput(c, 'rd', readEvents, 100);
});
const txn = await withStore((c) => txnCommitLatency(c, Math.round(500 * Math.max(scale, 0.2))));

console.log('\n@dhara/pravega store benchmark', quick ? '(--quick)' : '');
console.log(
  '\nappend throughput (fsync before ack, group commit) vs floor (same bytes, plain file, fdatasync per 1 MiB)',
);
console.log(
  ['case', 'embedded ev/s', 'MB/s', 'tcp ev/s', 'MB/s', 'floor ev/s', 'MB/s', 'emb/floor']
    .map((h) => h.padStart(14))
    .join(''),
);
for (const r of rows) {
  console.log(
    [
      String(r.test).replace('append ', ''),
      fmt(r.embeddedEventsPerSec as number),
      fmt(r.embeddedMBps as number),
      fmt(r.tcpEventsPerSec as number),
      fmt(r.tcpMBps as number),
      fmt(r.floorEventsPerSec as number),
      fmt(r.floorMBps as number),
      `${((r.embeddedVsFloor as number) * 100).toFixed(0)}%`,
    ]
      .map((c) => c.padStart(14))
      .join(''),
  );
}
console.log(
  `\nacked-append latency, 100 B, one at a time (ms): embedded p50 ${fmt(lat.p50)} p99 ${fmt(lat.p99)}; tcp p50 ${fmt(latTcp.p50)} p99 ${fmt(latTcp.p99)}; floor (write+fdatasync) p50 ${fmt(floorLat.p50)} p99 ${fmt(floorLat.p99)}`,
);
console.log(
  `read throughput, 100 B, one reader: ${fmt(read.eventsPerSec)} ev/s, ${fmt(read.mbPerSec)} MB/s (${read.events} events)`,
);
console.log(`transaction commit latency (10 events, flushed first) (ms): p50 ${fmt(txn.p50)} p99 ${fmt(txn.p99)}`);

const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'results', 'store.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      quick,
      node: process.version,
      append: rows,
      latency: { embedded: lat, tcp: latTcp, floor: floorLat },
      read,
      txnCommit: txn,
    },
    null,
    2,
  ),
);
console.log(`\nsaved ${out}`);
