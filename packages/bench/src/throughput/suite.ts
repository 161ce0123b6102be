// The throughput suite: for each selected query, its plain loop, then its job on a fresh MiniCluster at each selected
// parallelism, every run checked against the loop's output; the raw channel floor of each record shape measured in
// the same run; one JSON file per suite run.
import { MiniCluster, type VertexMetrics } from '@dhara/runtime';
import { type BenchEnvironment, benchEnvironment, writeResultJson } from '../output/index.ts';
import { type BenchQuery, selectQueries } from './catalog.ts';
import { watchOtherLoad } from './cpuLoad.ts';
import { type RecordShape, runRawChannel } from './floors/index.ts';
import { CORE_DEFINITION, type Figures, figures, measureRuns, type Sample } from './measure.ts';
import { runJob, ThroughputCheckError } from './runJob.ts';
import type { Tally } from './workloads/index.ts';

export interface ThroughputOptions {
  /** Records per run. */
  readonly records: number;
  /** Measured runs after one warm-up run. */
  readonly runs: number;
  readonly parallelisms: readonly number[];
  /** Only the queries whose name (or group) contains one of these comma-separated parts. */
  readonly filter?: string;
  /** Where the JSON goes. */
  readonly outDir: string;
  readonly quick: boolean;
  /** Progress lines; silent when omitted. */
  readonly log?: (line: string) => void;
}

export interface FloorResult {
  readonly shape: RecordShape;
  readonly description: string;
  readonly figures: Figures;
}

export interface LoopResult {
  readonly query: string;
  readonly figures: Figures;
  /** The output every job run of the query had to match. */
  readonly expected: Tally;
}

export interface JobResult {
  readonly query: string;
  readonly group: BenchQuery['group'];
  readonly description: string;
  readonly parallelism: number;
  readonly figures: Figures;
  /** What the sinks reported (every run matched the loop, else the suite failed). */
  readonly output: Tally & { readonly matchesLoop: true };
  /** Job rate over the plain loop's and over the raw channel floor's, in records/s and in records/s per core. */
  readonly ratios: {
    readonly loop: number;
    readonly loopPerCore: number;
    readonly floor: number;
    readonly floorPerCore: number;
  };
  readonly goalPerCore: number | null;
  readonly goalMet: boolean | null;
  /** Per task chain, from the last measured run. */
  readonly vertices: readonly VertexMetrics[];
}

export interface ThroughputReport {
  readonly suite: 'throughput';
  readonly environment: BenchEnvironment;
  readonly options: Omit<ThroughputOptions, 'log'>;
  readonly coreDefinition: string;
  readonly floors: readonly FloorResult[];
  readonly loops: readonly LoopResult[];
  readonly jobs: readonly JobResult[];
}

const FLOOR_DESCRIPTION = 'raw channel: msgpackr batches of 1,000 over a MessagePort, 2 worker threads, no operators';

async function measureFloor(shape: RecordShape, options: ThroughputOptions): Promise<FloorResult> {
  const samples: Sample[] = [];
  await runRawChannel(options.records, shape); // warm-up
  for (let i = 0; i < options.runs; i++) {
    const otherLoad = watchOtherLoad();
    const run = await runRawChannel(options.records, shape);
    samples.push({ ...run, otherLoad: otherLoad() });
  }
  return { shape, description: FLOOR_DESCRIPTION, figures: figures(options.records, samples) };
}

function sameTally(a: Tally, b: Tally): boolean {
  return a.outputs === b.outputs && a.checksum === b.checksum;
}

async function measureJob(
  query: BenchQuery,
  parallelism: number,
  loop: LoopResult,
  floor: FloorResult,
  options: ThroughputOptions,
): Promise<JobResult> {
  const workers = 2;
  const cluster = await MiniCluster.start({ workers, slotsPerWorker: Math.max(1, Math.ceil(parallelism / workers)) });
  try {
    const { figures: f, last } = await measureRuns(
      options.records,
      options.runs,
      () => runJob(cluster, query.job, parallelism, options.records, query.extraSourceRecords),
      (run) => {
        if (!sameTally(run.tally, loop.expected)) {
          throw new ThroughputCheckError(
            `${query.name} at parallelism ${parallelism}: the job emitted ${run.tally.outputs} records (checksum ` +
              `${run.tally.checksum}); the plain loop emitted ${loop.expected.outputs} (checksum ${loop.expected.checksum})`,
          );
        }
      },
    );
    const goal = query.goalPerCore ?? null;
    return {
      query: query.name,
      group: query.group,
      description: query.description,
      parallelism,
      figures: f,
      output: { ...last.tally, matchesLoop: true },
      ratios: {
        loop: f.recordsPerSecond / loop.figures.recordsPerSecond,
        loopPerCore: f.recordsPerCoreSecond / loop.figures.recordsPerCoreSecond,
        floor: f.recordsPerSecond / floor.figures.recordsPerSecond,
        floorPerCore: f.recordsPerCoreSecond / floor.figures.recordsPerCoreSecond,
      },
      goalPerCore: goal,
      goalMet: goal === null ? null : f.recordsPerCoreSecond >= goal,
      vertices: last.metrics.vertices,
    };
  } finally {
    await cluster.close();
  }
}

export async function runThroughputSuite(
  options: ThroughputOptions,
): Promise<{ report: ThroughputReport; file: string }> {
  const log = options.log ?? (() => {});
  const queries = selectQueries(options.filter);
  if (queries.length === 0) throw new Error(`no query matches '${options.filter ?? ''}'`);
  const n = options.records.toLocaleString('en-US');

  const floors = new Map<RecordShape, FloorResult>();
  for (const shape of new Set(queries.map((q) => q.shape))) {
    log(`floor (${shape}): raw channel, ${n} records ...`);
    floors.set(shape, await measureFloor(shape, options));
  }

  const loops: LoopResult[] = [];
  const jobs: JobResult[] = [];
  for (const query of queries) {
    log(`${query.name}: plain loop, ${n} records ...`);
    let expected: Tally | undefined;
    const measured = await measureRuns(
      options.records,
      options.runs,
      () => query.loop(options.records),
      (tally) => {
        expected ??= tally;
        if (!sameTally(tally, expected)) throw new Error(`${query.name}: the plain loop is not deterministic`);
      },
    );
    const loop: LoopResult = { query: query.name, figures: measured.figures, expected: expected! };
    loops.push(loop);
    for (const parallelism of options.parallelisms) {
      log(`${query.name}: job at parallelism ${parallelism}, ${n} records, warm-up + ${options.runs} runs ...`);
      jobs.push(await measureJob(query, parallelism, loop, floors.get(query.shape)!, options));
    }
  }

  const { log: _log, ...recorded } = options;
  const report: ThroughputReport = {
    suite: 'throughput',
    environment: benchEnvironment(),
    options: recorded,
    coreDefinition: CORE_DEFINITION,
    floors: [...floors.values()],
    loops,
    jobs,
  };
  const file = writeResultJson(options.outDir, 'throughput', report.environment.date, report);
  return { report, file };
}
