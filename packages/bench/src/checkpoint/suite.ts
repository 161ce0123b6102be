// The checkpoint benchmark suite: every selected scenario on a fresh MiniCluster, its floors measured right after it
// in the same process and on the same disk, one JSON file per run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchEnvironment, benchEnvironment, writeResultJson } from '../output/index.ts';
import { type BarrierFloor, type FsyncFloor, measureBarrierFloor, measureFsyncFloor } from './floors/index.ts';
import { renderHtmlReport } from './report/index.ts';
import { runScenario } from './runScenario.ts';
import { allScenarios, type Scenario } from './scenarios.ts';
import { type CheckpointFigures, summarize } from './summarize.ts';

export interface CheckpointSuiteOptions {
  /** How long each scenario runs, warm-up included. */
  readonly durationMs: number;
  /** Checkpoints triggered (and metrics sampled) in this first part of each run are left out. */
  readonly warmupMs: number;
  readonly parallelisms: readonly number[];
  /** Runs only the scenarios whose name contains this. */
  readonly filter?: string;
  /** Where the JSON and the HTML report go. */
  readonly outDir: string;
  readonly quick: boolean;
  /** Progress lines; silent when omitted. */
  readonly log?: (line: string) => void;
}

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly parallelism: number;
  readonly settings: Scenario['settings'];
  readonly network: Scenario['network'] | null;
  readonly taskChains: readonly string[];
  readonly wallMs: number;
  readonly figures: CheckpointFigures;
  readonly floors: {
    readonly fsync: FsyncFloor;
    readonly barrier: BarrierFloor;
    /** fsync + barrier: the least a checkpoint of this pipeline and size can take here. */
    readonly totalMs: number;
    /** End-to-end p50 and p99 over the total floor: the headline figures. */
    readonly p50Ratio: number;
    readonly p99Ratio: number;
  };
}

export interface CheckpointSuiteReport {
  readonly suite: 'checkpoint';
  readonly environment: BenchEnvironment;
  readonly options: Omit<CheckpointSuiteOptions, 'log'>;
  readonly scenarios: readonly ScenarioResult[];
  readonly notDone: readonly string[];
  /** Scenarios that failed (their job failed or did not start), with the error. */
  readonly failures: readonly { readonly name: string; readonly error: string }[];
}

export const NOT_DONE = [] as const;

export function selectScenarios(parallelisms: readonly number[], filter: string | undefined): Scenario[] {
  return allScenarios(parallelisms).filter((s) => filter === undefined || s.name.includes(filter));
}

export async function runCheckpointSuite(
  options: CheckpointSuiteOptions,
): Promise<{ report: CheckpointSuiteReport; file: string; html: string }> {
  const log = options.log ?? (() => {});
  const scenarios = selectScenarios(options.parallelisms, options.filter);
  if (scenarios.length === 0) throw new Error(`no scenario matches '${options.filter ?? ''}'`);
  const checkpointDir = mkdtempSync(path.join(os.tmpdir(), 'dhara-checkpoint-bench-'));
  const barrierFloors = new Map<number, BarrierFloor>();
  const results: ScenarioResult[] = [];
  const failures: { name: string; error: string }[] = [];
  try {
    for (const scenario of scenarios) {
      log(`${scenario.name}: running for ${(options.durationMs / 1_000).toFixed(1)} s ...`);
      let run: Awaited<ReturnType<typeof runScenario>>;
      try {
        run = await runScenario(scenario, options.durationMs, checkpointDir);
      } catch (error) {
        // One failed scenario does not cost the others their results: it is reported, and the CLI exits 1.
        log(`${scenario.name}: FAILED: ${(error as Error).message}`);
        failures.push({ name: scenario.name, error: (error as Error).message });
        continue;
      }
      const figures = summarize(run, options.warmupMs);
      // Let the closed cluster's deletes and writeback settle, so that the floor does not pay for them.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fsync = measureFsyncFloor(checkpointDir, figures.stateBytesMedian || 1);
      const chains = Math.max(1, run.vertices.length);
      let barrier = barrierFloors.get(chains);
      if (barrier === undefined) {
        barrier = await measureBarrierFloor(chains);
        barrierFloors.set(chains, barrier);
      }
      const totalMs = fsync.medianMs + barrier.medianMs;
      results.push({
        name: scenario.name,
        description: scenario.description,
        parallelism: scenario.parallelism,
        settings: scenario.settings,
        network: scenario.network ?? null,
        taskChains: run.vertices.map((v) => v.name),
        wallMs: run.wallMs,
        figures,
        floors: {
          fsync,
          barrier,
          totalMs,
          p50Ratio: figures.endToEndMs.p50 / totalMs,
          p99Ratio: figures.endToEndMs.p99 / totalMs,
        },
      });
    }
  } finally {
    rmSync(checkpointDir, { recursive: true, force: true });
  }
  const { log: _log, ...recorded } = options;
  const report: CheckpointSuiteReport = {
    suite: 'checkpoint',
    environment: benchEnvironment(),
    options: recorded,
    scenarios: results,
    notDone: NOT_DONE,
    failures,
  };
  const file = writeResultJson(options.outDir, 'checkpoint', report.environment.date, report);
  const html = file.replace(/\.json$/, '.html');
  writeFileSync(html, renderHtmlReport(report));
  return { report, file, html };
}
