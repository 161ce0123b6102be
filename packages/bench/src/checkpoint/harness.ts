// What a scenario needs around its job besides the cluster: an input store and writer (scenario 4), or the faults
// and the probe that times recovery (scenario 5). Plain scenarios get an empty harness.
import type { JobClient } from '@dhara/runtime';
import type { FaultSpec } from '@dhara/runtime/testing';
import { JOB_ENV } from './jobs/lib/index.ts';
import { startPravegaFeed } from './pravegaFeed.ts';
import { type RecoveryFigures, RecoveryProbe } from './recoveryProbe.ts';
import type { Scenario } from './scenarios.ts';

export interface ScenarioHarness {
  /** Environment variables for the job, on top of the scenario's settings. */
  readonly env: Record<string, string>;
  readonly faults: readonly FaultSpec[];
  attach(job: JobClient): void;
  /** Recovery figures, for the recovery scenario. */
  recovery(): RecoveryFigures | undefined;
  /**
   * Whether the run has seen what the scenario measures (the recovery scenario: a kill, and the job caught up after
   * it). A run goes on past its duration, for a bounded time, until it has: a short run on a loaded machine would
   * otherwise end before the first recovery is complete and report nothing.
   */
  measured(): boolean;
  close(): Promise<void>;
}

/** More kills than any run can reach: each attempt's kill point ends its worker after the same number of records. */
const MAX_KILLS = 200;

export async function startHarness(scenario: Scenario): Promise<ScenarioHarness> {
  const none: ScenarioHarness = {
    env: {},
    faults: [],
    attach() {},
    recovery: () => undefined,
    measured: () => true,
    close: async () => {},
  };
  const { settings } = scenario;
  if (scenario.harness === 'pravega-feed') {
    const feed = await startPravegaFeed({
      ratePerSecond: Number(settings.ratePerSecond ?? 20_000),
      keys: Number(settings.keys ?? 100),
      segments: scenario.parallelism,
    });
    return { ...none, env: feed.env, close: () => feed.close() };
  }
  if (scenario.harness === 'recovery') {
    const probe = new RecoveryProbe(scenario.parallelism);
    const killAfter = Number(settings.killAfterRecords ?? 30_000);
    return {
      // The source's schedule starts now; the job is submitted right after.
      env: { [JOB_ENV.epochMs]: String(Date.now()) },
      faults: Array.from({ length: MAX_KILLS }, (_, attempt) => ({
        operatorUid: 'kill-point',
        subtaskIndex: 0,
        attempt,
        at: { records: killAfter },
        action: 'exit-worker' as const,
      })),
      attach: (job) => probe.attach(job),
      recovery: () => probe.figures(),
      measured: () => probe.figures().caughtUpMs.count > 0,
      close: async () => probe.close(),
    };
  }
  return none;
}
