// Benchmark of event-time windows: records/s of a keyed tumbling 1 s window count (bench/jobs/windows-count.ts) on a
// real MiniCluster at parallelism 1 and 2, next to a plain in-process loop computing the same windows over the same
// records in this run. Every job run is checked against the loop: the same number of windows, holding every record.
// Run: npx tsx bench/windows.ts [--quick]      Writes bench/results/windows.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { MiniCluster } from '@dhara/runtime';
import {
  CHANNEL_ENV,
  OUT_OF_ORDERNESS_MS,
  type SinkReport,
  WINDOW_MS,
  type WindowCount,
} from './jobs/windows-count.ts';
import { RECORDS_ENV, recordAt } from './lib/records.ts';

const quick = process.argv.includes('--quick');
const RECORDS = quick ? 300_000 : 2_000_000;
const RUNS = 3;
const PARALLELISMS = [1, 2];
const JOB = new URL('./jobs/windows-count.ts', import.meta.url).pathname;

interface Tally {
  windows: number;
  records: number;
}

interface Row {
  name: string;
  records: number;
  /** Median of the timed runs. */
  seconds: number;
  recordsPerSec: number;
  percentOfLoop: number;
  runsSeconds: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The plain loop: the same records, the same bounded out-of-orderness watermark (max - bound - 1), each window
 * emitted as a WindowCount once the watermark passes its last timestamp, the rest at the end of input.
 */
function windowsLoop(n: number): Tally {
  const open = new Map<number, Map<number, number>>(); // window start -> key -> count, in start order
  const tally: Tally = { windows: 0, records: 0 };
  const emit = (w: WindowCount): void => {
    tally.windows++;
    tally.records += w.count;
  };
  const fire = (start: number, counts: Map<number, number>): void => {
    for (const [key, count] of counts) emit({ key, start, count });
    open.delete(start);
  };
  let oldest = Number.POSITIVE_INFINITY;
  let maxTs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const r = recordAt(i);
    const start = r.ts - (((r.ts % WINDOW_MS) + WINDOW_MS) % WINDOW_MS);
    let counts = open.get(start);
    if (counts === undefined) {
      counts = new Map();
      open.set(start, counts);
      if (start < oldest) oldest = start;
    }
    counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    if (r.ts > maxTs) maxTs = r.ts;
    const watermark = maxTs - OUT_OF_ORDERNESS_MS - 1;
    while (oldest + WINDOW_MS - 1 <= watermark) {
      const due = open.get(oldest);
      if (due !== undefined) fire(oldest, due);
      oldest = Math.min(...open.keys(), Number.POSITIVE_INFINITY);
    }
  }
  for (const [start, counts] of open) fire(start, counts);
  return tally;
}

function timeLoop(): { seconds: number; tally: Tally } {
  const t0 = performance.now();
  const tally = windowsLoop(RECORDS);
  return { seconds: (performance.now() - t0) / 1000, tally };
}

let runId = 0;

/** One job run: submit to result, plus the sinks' reports. Fails when a report does not come. */
async function timeJob(cluster: MiniCluster, parallelism: number): Promise<{ seconds: number; tally: Tally }> {
  const channelName = `dhara-bench-windows-${process.pid}-${runId++}`;
  const channel = new BroadcastChannel(channelName);
  const reports: SinkReport[] = [];
  let allReported: () => void = () => {};
  const reported = new Promise<void>((resolve) => {
    allReported = resolve;
  });
  channel.onmessage = (message) => {
    reports.push((message as { data: SinkReport }).data);
    if (reports.length === parallelism) allReported();
  };
  process.env[RECORDS_ENV] = String(RECORDS);
  process.env[CHANNEL_ENV] = channelName;
  try {
    const t0 = performance.now();
    const client = await cluster.submit(JOB, { parallelism });
    const result = await client.result();
    const seconds = (performance.now() - t0) / 1000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      reported,
      new Promise<void>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`only ${reports.length} of ${parallelism} sink reports arrived`)),
          10_000,
        );
      }),
    ]);
    clearTimeout(timer);
    const dropped = result.metrics.vertices.reduce((n, v) => n + v.lateRecordsDropped, 0);
    if (dropped !== 0) throw new Error(`the job dropped ${dropped} late records`);
    const tally = reports.reduce((t, r) => ({ windows: t.windows + r.windows, records: t.records + r.records }), {
      windows: 0,
      records: 0,
    });
    return { seconds, tally };
  } finally {
    channel.close();
    delete process.env[CHANNEL_ENV];
    delete process.env[RECORDS_ENV];
  }
}

function check(name: string, got: Tally, expected: Tally): void {
  if (got.windows !== expected.windows || got.records !== expected.records) {
    throw new Error(
      `${name}: emitted ${got.windows} windows holding ${got.records} records; the loop emitted ` +
        `${expected.windows} windows holding ${expected.records}`,
    );
  }
}

function row(name: string, runsSeconds: number[], loopRate: number | undefined): Row {
  const seconds = median(runsSeconds);
  const recordsPerSec = RECORDS / seconds;
  return {
    name,
    records: RECORDS,
    seconds,
    recordsPerSec,
    percentOfLoop: loopRate === undefined ? 100 : (100 * recordsPerSec) / loopRate,
    runsSeconds,
  };
}

function printTable(rows: Row[]): void {
  const header = ['name', 'records', 'seconds', 'records/s', '% of loop'];
  const cells = rows.map((r) => [
    r.name,
    r.records.toLocaleString('en-US'),
    r.seconds.toFixed(3),
    Math.round(r.recordsPerSec).toLocaleString('en-US'),
    `${r.percentOfLoop.toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  console.log(
    `windows bench: ${RECORDS.toLocaleString('en-US')} records, keys in [0, 10000), 1 ms apart; tumbling ${WINDOW_MS} ms ` +
      `count per key; warm-up + median of ${RUNS}${quick ? ' (quick)' : ''}`,
  );
  // The loop: warm-up, then timed runs.
  const expected = timeLoop().tally;
  if (expected.records !== RECORDS) throw new Error(`the loop counted ${expected.records} of ${RECORDS} records`);
  const loopRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = timeLoop();
    check('plain loop', run.tally, expected);
    loopRuns.push(run.seconds);
  }
  const loopRow = row('plain loop (in-process)', loopRuns, undefined);
  const rows: Row[] = [loopRow];

  const cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 2 });
  try {
    for (const parallelism of PARALLELISMS) {
      const name = `MiniCluster, parallelism ${parallelism}`;
      check(name, (await timeJob(cluster, parallelism)).tally, expected); // warm-up
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await timeJob(cluster, parallelism);
        check(name, run.tally, expected);
        runs.push(run.seconds);
      }
      rows.push(row(name, runs, loopRow.recordsPerSec));
    }
  } finally {
    await cluster.close();
  }

  console.log(
    `windows emitted per run: ${expected.windows.toLocaleString('en-US')} (all runs checked against the loop)`,
  );
  printTable(rows);
  const p1 = rows.find((r) => r.name.endsWith('parallelism 1'))!;
  const goalMet = p1.percentOfLoop >= 50;
  console.log(
    `goal (parallelism 1 >= 50% of the loop): ${goalMet ? 'met' : 'missed'} (${p1.percentOfLoop.toFixed(1)}%)`,
  );

  const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'results', 'windows.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        bench: 'windows',
        date: new Date().toISOString(),
        quick,
        machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` },
        workload: {
          records: RECORDS,
          keys: 10_000,
          windowMs: WINDOW_MS,
          outOfOrdernessMs: OUT_OF_ORDERNESS_MS,
          windowsEmitted: expected.windows,
          runs: RUNS,
        },
        rows,
        goal: { description: 'parallelism 1 >= 50% of the plain loop', percentOfLoop: p1.percentOfLoop, met: goalMet },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

await main();
