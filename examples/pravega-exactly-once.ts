// The exactly-once demo: an embedded stream store, a generator writing sensor readings into it while a job reads
// them (PravegaSource, externally induced checkpoints), computes per-sensor event-time window totals and writes them
// with Pravega transactions (PravegaSink). Midway a worker thread is killed; the job restarts from its last
// checkpoint. At the end the committed output is checked against totals computed here from what was written.
//   npm run demo            (or: npx tsx examples/pravega-exactly-once.ts [--readings 24000] [--no-failure])
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { JsonSerializer, type PravegaClient, PravegaStore, ScalingPolicy } from '@dhara/pravega';
import type { CheckpointStats } from '@dhara/runtime';
import { MiniCluster } from '@dhara/runtime';
import type { FaultSpec } from '@dhara/runtime/testing';
import {
  LATE,
  READINGS,
  type Reading,
  SCOPE,
  TOTALS,
  WINDOW_MS,
  type WindowTotal,
} from './pravega/sensor-window-totals.ts';

const { values } = parseArgs({
  options: {
    readings: { type: 'string', default: '24000' },
    rate: { type: 'string', default: '4000' },
    'no-failure': { type: 'boolean', default: false },
    dir: { type: 'string', default: '.dhara-demo' },
  },
});
const READING_COUNT = Number(values.readings);
const RATE = Number(values.rate);
const SENSORS = 12;
const PARALLELISM = 2;

/** Reading i: event time advances with the write rate; up to 150 ms out of order; values are integers. */
function readingAt(i: number, t0: number): Reading {
  const jitter = (i * 7919) % 151;
  return {
    seq: i,
    sensor: `sensor-${String(i % SENSORS).padStart(2, '0')}`,
    value: (i * 2654435761) % 1000,
    ts: t0 + Math.floor((i * 1000) / RATE) - jitter,
  };
}

function expectedTotals(readings: readonly Reading[]): Map<string, WindowTotal> {
  const totals = new Map<string, WindowTotal>();
  for (const r of readings) {
    const windowStart = r.ts - (((r.ts % WINDOW_MS) + WINDOW_MS) % WINDOW_MS);
    const key = `${r.sensor}@${windowStart}`;
    const t = totals.get(key);
    totals.set(
      key,
      t === undefined
        ? { sensor: r.sensor, windowStart, count: 1, sum: r.value, min: r.value, max: r.value }
        : {
            ...t,
            count: t.count + 1,
            sum: t.sum + r.value,
            min: Math.min(t.min, r.value),
            max: Math.max(t.max, r.value),
          },
    );
  }
  return totals;
}

/** Every committed event of a stream (the batch client sees only committed transactions). */
async function readCommitted<T>(client: PravegaClient, stream: string): Promise<T[]> {
  const batch = client.batchClient();
  const out: T[] = [];
  for (const range of await batch.getSegments(SCOPE, stream)) {
    for await (const event of batch.readSegment(range, new JsonSerializer<T>())) out.push(event);
  }
  return out;
}

/** Writes the readings at RATE per second, then seals the stream: the job reads to its end and finishes. */
async function generate(client: PravegaClient, t0: number): Promise<Reading[]> {
  const writer = client.createEventWriter<Reading>(SCOPE, READINGS, new JsonSerializer<Reading>());
  const written: Reading[] = [];
  const started = performance.now();
  for (let i = 0; i < READING_COUNT; i++) {
    const reading = readingAt(i, t0);
    written.push(reading);
    void writer.writeEvent(`${i % 64}`, reading);
    if (i % 100 === 99) {
      await writer.flush();
      const ahead = ((i + 1) * 1000) / RATE - (performance.now() - started);
      if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
    }
  }
  await writer.flush();
  await writer.close();
  await client.streamManager().sealStream(SCOPE, READINGS);
  return written;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const root = path.resolve(values.dir ?? '.dhara-demo');
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
const store = await PravegaStore.open({ dir: path.join(root, 'store') });
const port = await store.listen(0);
const client = store.client();
const streams = client.streamManager();
await streams.createScope(SCOPE);
await streams.createStream(SCOPE, READINGS, { scalingPolicy: ScalingPolicy.fixed(4) });
await streams.createStream(SCOPE, TOTALS, { scalingPolicy: ScalingPolicy.fixed(2) });
await streams.createStream(SCOPE, LATE, { scalingPolicy: ScalingPolicy.fixed(1) });
process.env.DEMO_PRAVEGA = `127.0.0.1:${port}`;
console.log(`stream store in ${path.relative(process.cwd(), root) || '.'}/store on 127.0.0.1:${port}`);

const cluster = await MiniCluster.start({
  workers: 2,
  slotsPerWorker: 4,
  checkpointDir: path.join(root, 'checkpoints'),
});
// A worker thread dies once a reader has read half of its fair share (whichever reader gets there first: the
// reader group decides who reads which segments): the job restarts from its last checkpoint, and the reader group
// goes back to that checkpoint's positions.
const faults: FaultSpec[] = values['no-failure']
  ? []
  : Array.from({ length: PARALLELISM }, (_, subtaskIndex) => ({
      operatorUid: 'readings',
      subtaskIndex,
      at: { records: Math.floor(READING_COUNT / PARALLELISM / 2) },
      action: 'exit-worker' as const,
    }));
const job = await cluster.submit(new URL('./pravega/sensor-window-totals.ts', import.meta.url).pathname, {
  parallelism: PARALLELISM,
  faults,
});
const checkpoints: CheckpointStats[] = [];
job.checkpoints$.subscribe((c) => {
  if (process.env.DEMO_DEBUG)
    console.log(Date.now() % 100000, 'chk', c.id, c.status, c.acknowledged, c.failureReason ?? '');
  if (c.status !== 'IN_PROGRESS') checkpoints.push(c);
});
job.status$.subscribe((status) =>
  console.log(`${process.env.DEMO_DEBUG ? Date.now() % 100000 : ''} job ${status.toLowerCase()}`),
);

console.log(`writing ${READING_COUNT} readings of ${SENSORS} sensors at ${RATE}/s while the job reads them ...`);
const written = await generate(client, Date.UTC(2026, 10, 22, 12, 0, 0));
console.log('all readings written; input stream sealed');
const result = await job.result();

const totals = await readCommitted<WindowTotal>(client, TOTALS);
const late = await readCommitted<Reading>(client, LATE);
const expected = expectedTotals(written.filter((r) => !late.some((l) => l.seq === r.seq)));
const seen = new Map<string, number>();
let wrong = 0;
for (const t of totals) {
  const key = `${t.sensor}@${t.windowStart}`;
  seen.set(key, (seen.get(key) ?? 0) + 1);
  const e = expected.get(key);
  if (e === undefined || e.count !== t.count || e.sum !== t.sum || e.min !== t.min || e.max !== t.max) wrong++;
}
const duplicated = [...seen.values()].filter((n) => n > 1).length;
const missing = [...expected.keys()].filter((k) => !seen.has(k)).length;
const counted = totals.reduce((n, t) => n + t.count, 0) + late.length;

const completed = checkpoints.filter((c) => c.status === 'COMPLETED');
const durations = completed.map((c) => c.endToEndDurationMs ?? 0).sort((a, b) => a - b);
console.log('');
console.log(
  `restarts:            ${result.restarts.length} (from checkpoint ${result.restarts.map((r) => r.checkpointId ?? 'none').join(', ') || '-'})`,
);
console.log(`window totals:       ${totals.length} committed, ${expected.size} expected`);
console.log(`  wrong / duplicated / missing: ${wrong} / ${duplicated} / ${missing}`);
console.log(`readings accounted:  ${counted} of ${written.length} (late, in '${LATE}': ${late.length})`);
console.log(
  `checkpoints:         ${completed.length} completed, ${checkpoints.length - completed.length} failed; ` +
    `end-to-end p50 ${percentile(durations, 50).toFixed(1)} ms, p90 ${percentile(durations, 90).toFixed(1)} ms, ` +
    `max ${percentile(durations, 100).toFixed(1)} ms`,
);
for (const t of totals.filter((x) => x.sensor === 'sensor-00').slice(0, 3)) {
  console.log(`  e.g. ${t.sensor} ${new Date(t.windowStart).toISOString().slice(11, 23)}: ${JSON.stringify(t)}`);
}
const ok = wrong === 0 && duplicated === 0 && missing === 0 && counted === written.length;
console.log(ok ? '\nEXACTLY ONCE: the committed output equals the expected totals.' : '\nMISMATCH: see above.');

await cluster.close();
await client.close();
await store.close();
process.exitCode = ok ? 0 : 1;
