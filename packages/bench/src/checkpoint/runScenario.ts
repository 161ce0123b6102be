// Runs one scenario on a fresh MiniCluster: submit, collect every checkpoint's final stats and the job's metrics for
// a fixed time, cancel. The scenario's harness (an input store, or faults and a recovery probe) is set up around it.
import { type CheckpointStats, type JobMetrics, MiniCluster } from '@dhara/runtime';
import { startHarness } from './harness.ts';
import { toEnv } from './jobs/lib/index.ts';
import type { RecoveryFigures } from './recoveryProbe.ts';
import type { Scenario } from './scenarios.ts';

/** One metrics sample: the source's output so far, at the job's elapsed time. */
export interface ThroughputSample {
  readonly elapsedMs: number;
  /** When the sample arrived, in ms since submit (the clock of checkpoint trigger times), for charts. */
  readonly sinceSubmitMs: number;
  readonly sourceRecordsOut: number;
}

export interface ScenarioRun {
  /** The final state (completed or failed) of every checkpoint, by id. */
  readonly checkpoints: readonly CheckpointStats[];
  readonly throughput: readonly ThroughputSample[];
  /** The job's vertices (task chains) in order, with their parallelism. */
  readonly vertices: readonly { readonly name: string; readonly parallelism: number }[];
  /** When the job was submitted (ms since the epoch, the clock of checkpoint trigger timestamps). */
  readonly submittedAt: number;
  /** Wall time from submit to cancel. */
  readonly wallMs: number;
  /** Scenario 5 only. */
  readonly recovery: RecoveryFigures | undefined;
}

/** How long a run may go on past its duration for its harness to see what it measures. */
const MEASURE_GRACE_MS = 30_000;

export async function runScenario(scenario: Scenario, durationMs: number, checkpointDir: string): Promise<ScenarioRun> {
  const workers = 2;
  const cluster = await MiniCluster.start({
    workers,
    slotsPerWorker: Math.max(1, Math.ceil(scenario.parallelism / workers)),
    metricsIntervalMs: scenario.metricsIntervalMs ?? 200,
    checkpointDir,
  });
  const harness = await startHarness(scenario).catch(async (error: unknown) => {
    await cluster.close();
    throw error;
  });
  const env = { ...toEnv(scenario.settings), ...harness.env };
  Object.assign(process.env, env);
  try {
    const t0 = performance.now();
    const submittedAt = Date.now();
    const job = await cluster.submit(scenario.job, {
      parallelism: scenario.parallelism,
      ...(scenario.network === undefined ? {} : { network: scenario.network }),
      faults: harness.faults,
    });
    harness.attach(job);
    const finished = new Map<number, CheckpointStats>();
    const throughput: ThroughputSample[] = [];
    let latest: JobMetrics | undefined;
    const checkpoints = job.checkpoints$.subscribe((stats) => {
      if (stats.kind === 'checkpoint' && stats.status !== 'IN_PROGRESS') finished.set(stats.id, stats);
    });
    const metrics = job.metrics$.subscribe((m) => {
      latest = m;
      throughput.push({
        elapsedMs: m.elapsedMs,
        sinceSubmitMs: Date.now() - submittedAt,
        sourceRecordsOut: m.vertices[0]?.recordsOut ?? 0,
      });
    });
    const failed = job.result().then(
      () => new Error(`${scenario.name}: the job ended on its own`),
      (error: unknown) => error as Error,
    );
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), durationMs);
    });
    let outcome = await Promise.race([failed, elapsed]);
    clearTimeout(timer);
    // Past the duration, until the harness has seen what the scenario measures, for at most MEASURE_GRACE_MS.
    for (let waited = 0; outcome === undefined && !harness.measured() && waited < MEASURE_GRACE_MS; waited += 50) {
      outcome = await Promise.race([
        failed,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50)),
      ]);
    }
    if (outcome !== undefined) throw outcome;
    checkpoints.unsubscribe();
    metrics.unsubscribe();
    await job.cancel();
    return {
      checkpoints: [...finished.values()].sort((a, b) => a.id - b.id),
      throughput,
      vertices: (latest?.vertices ?? []).map((v) => ({ name: v.name, parallelism: v.parallelism })),
      submittedAt,
      wallMs: performance.now() - t0,
      recovery: harness.recovery(),
    };
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    await cluster.close();
    await harness.close();
  }
}
