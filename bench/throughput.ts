// Records/s of a keyed and a chained pipeline on a real MiniCluster, next to baselines measured in the same run:
// (a) the same work as plain loops in this thread, (b) the raw channel between two worker threads.
//   npx tsx bench/throughput.ts [--quick]
// Prints a table and writes bench/results/throughput.json. Each figure is the median of 3 runs after 1 warm-up run.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type JobMetrics, MiniCluster } from '@dhara/runtime';
import { watchOtherLoad } from './lib/cpuLoad.ts';
import { chainedLoop, keyedLoop } from './lib/plainLoops.ts';
import { runRawChannel } from './lib/rawChannel.ts';
import { RECORDS_ENV } from './lib/records.ts';

const QUICK = process.argv.includes('--quick');
const RECORDS = QUICK ? 300_000 : 2_000_000;
const RUNS = 3;
const GOAL = 0.5;

const KEYED_JOB = fileURLToPath(new URL('./jobs/keyed-reduce.ts', import.meta.url));
const CHAINED_JOB = fileURLToPath(new URL('./jobs/chained-stateless.ts', import.meta.url));
const RESULTS = new URL('./results/', import.meta.url);

interface Row {
  readonly name: string;
  readonly records: number;
  /** Seconds of every measured run, and their median. */
  readonly samples: readonly number[];
  readonly seconds: number;
  readonly recordsPerSecond: number;
  /** Cores other processes used during each measured run (Linux); above ~0.2 the run competed for the CPU. */
  readonly otherLoad: readonly (number | undefined)[];
  readonly baseline: string | undefined;
  readonly ratio: number | undefined;
  readonly vertices?: JobMetrics['vertices'];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Measured<T> {
  samples: number[];
  otherLoad: (number | undefined)[];
  detail?: T;
}

/** One warm-up run, then RUNS measured ones; returns the seconds of the measured runs and what the last one kept. */
async function measure<T>(run: () => Promise<{ seconds: number; detail?: T }>): Promise<Measured<T>> {
  await run();
  const measured: Measured<T> = { samples: [], otherLoad: [] };
  for (let i = 0; i < RUNS; i++) {
    const otherLoad = watchOtherLoad();
    const result = await run();
    measured.samples.push(result.seconds);
    measured.otherLoad.push(otherLoad());
    measured.detail = result.detail;
  }
  return measured;
}

function inProcess(work: (n: number) => number): () => Promise<{ seconds: number }> {
  return async () => {
    const t0 = performance.now();
    const checksum = work(RECORDS);
    const seconds = (performance.now() - t0) / 1_000;
    if (checksum < 0) throw new Error('unreachable: keeps the checksum alive');
    return { seconds };
  };
}

function onCluster(
  cluster: MiniCluster,
  job: string,
  parallelism: number,
): () => Promise<{ seconds: number; detail: JobMetrics }> {
  return async () => {
    const t0 = performance.now();
    const client = await cluster.submit(job, { parallelism });
    const result = await client.result();
    const seconds = (performance.now() - t0) / 1_000;
    const sourceIn = result.metrics.vertices[0]?.recordsIn ?? 0;
    if (sourceIn !== RECORDS) throw new Error(`${job}: the source read ${sourceIn} of ${RECORDS} records`);
    return { seconds, detail: result.metrics };
  };
}

function row(name: string, m: Measured<JobMetrics>, baseline?: Row, records = RECORDS): Row {
  const seconds = median(m.samples);
  const recordsPerSecond = records / seconds;
  return {
    name,
    records,
    samples: m.samples,
    seconds,
    recordsPerSecond,
    otherLoad: m.otherLoad,
    baseline: baseline?.name,
    ratio: baseline === undefined ? undefined : recordsPerSecond / baseline.recordsPerSecond,
    ...(m.detail === undefined ? {} : { vertices: m.detail.vertices }),
  };
}

const rate = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(1)}k`);
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

function printTable(rows: readonly Row[]): void {
  const header = ['benchmark', 'records', 'seconds', 'records/s', 'baseline', 'ratio', 'other load (cores)'];
  const cells = rows.map((r) => [
    r.name,
    r.records.toLocaleString('en-US'),
    r.seconds.toFixed(3),
    rate(r.recordsPerSecond),
    r.baseline ?? '-',
    r.ratio === undefined ? '-' : pct(r.ratio),
    r.otherLoad.map((x) => (x === undefined ? '?' : x.toFixed(2))).join(' '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string =>
    c.map((x, i) => (i === 0 ? x.padEnd : x.padStart).call(x, widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

function printVertices(rows: readonly Row[]): void {
  for (const r of rows) {
    if (r.vertices === undefined) continue;
    console.log(`\n${r.name} (last run), per vertex:`);
    for (const v of r.vertices) {
      console.log(
        `  ${v.name} x${v.parallelism}: in ${v.recordsIn.toLocaleString('en-US')}, out ${v.recordsOut.toLocaleString('en-US')}, ` +
          `busy ${pct(v.busyShare)}, idle ${pct(v.idleShare)}, backpressured ${pct(v.backpressuredShare)}`,
      );
    }
  }
}

async function main(): Promise<void> {
  // The jobs read their size in `build`, in this thread and in every worker: set it before the workers start.
  process.env[RECORDS_ENV] = String(RECORDS);
  console.log(`throughput: ${RECORDS.toLocaleString('en-US')} records per run, median of ${RUNS} after a warm-up\n`);

  const keyedLoopRow = row('plain loop: map -> keyed reduce', await measure(inProcess(keyedLoop)));
  const chainedLoopRow = row('plain loop: map -> filter', await measure(inProcess(chainedLoop)));
  const rawRow = row(
    'raw channel: msgpackr 1000/batch, 2 workers',
    await measure(async () => ({ seconds: await runRawChannel(RECORDS) })),
  );

  const cluster = await MiniCluster.start({ workers: 2 });
  const pipelineRows: Row[] = [];
  try {
    for (const p of [1, 2]) {
      pipelineRows.push(row(`keyed reduce, p=${p}`, await measure(onCluster(cluster, KEYED_JOB, p)), rawRow));
    }
    for (const p of [1, 2]) {
      pipelineRows.push(
        row(`chained map -> filter, p=${p}`, await measure(onCluster(cluster, CHAINED_JOB, p)), chainedLoopRow),
      );
    }
  } finally {
    await cluster.close();
  }

  const rows = [keyedLoopRow, chainedLoopRow, rawRow, ...pipelineRows];
  printTable(rows);
  if (rows.some((r) => r.otherLoad.some((x) => x !== undefined && x > 0.2))) {
    console.log('\nwarning: other processes used CPU during some runs (last column); those figures are not clean.');
  }
  printVertices(pipelineRows);

  const keyedP2 = pipelineRows.find((r) => r.name === 'keyed reduce, p=2')!;
  const chainedBest = pipelineRows
    .filter((r) => r.name.startsWith('chained'))
    .reduce((a, b) => ((a.ratio ?? 0) >= (b.ratio ?? 0) ? a : b));
  const goals = [
    { goal: 'keyed pipeline at p=2 >= 50% of the raw channel', row: keyedP2.name, ratio: keyedP2.ratio! },
    { goal: 'chained stateless pipeline >= 50% of the plain loop', row: chainedBest.name, ratio: chainedBest.ratio! },
  ].map((g) => ({ ...g, met: g.ratio >= GOAL }));
  console.log('\ngoals:');
  for (const g of goals) console.log(`  ${g.met ? 'MET   ' : 'MISSED'} ${g.goal}: ${g.row} at ${pct(g.ratio)}`);

  mkdirSync(RESULTS, { recursive: true });
  const file = new URL(QUICK ? 'throughput.quick.json' : 'throughput.json', RESULTS);
  const environment = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, quick: QUICK };
  writeFileSync(file, `${JSON.stringify({ environment, records: RECORDS, runs: RUNS, rows, goals }, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(file)}`);
}

await main();
