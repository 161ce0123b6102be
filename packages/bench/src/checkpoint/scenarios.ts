// The scenarios of the checkpoint benchmark (issue 11): which job, with which settings, network buffers and harness.
// 1 idle-ish, 2 large state, 3 backpressure (aligned, unaligned, aligned with a timeout), 4 externally induced
// (Pravega source vs the coordinator-triggered generator), 5 recovery; each at every selected parallelism.
import { fileURLToPath } from 'node:url';
import type { NetworkConfig } from '@dhara/runtime';
import type { JobSettings } from './jobs/lib/index.ts';

export interface Scenario {
  /** Unique, e.g. `backpressure-unaligned-p2`; `--scenario` filters on a substring of it. */
  readonly name: string;
  readonly description: string;
  readonly job: string;
  readonly parallelism: number;
  readonly settings: JobSettings;
  readonly network?: Partial<NetworkConfig>;
  /**
   * How often task metrics (records/s) are sampled; default 200 ms. Large state samples every 50 ms: its checkpoints
   * take ~100 ms, so a 200 ms sample is never mostly inside one and throughput during checkpoints could not be told.
   */
  readonly metricsIntervalMs?: number;
  /** What runs around the job: an input store with a writer (scenario 4), or kills and a recovery probe (5). */
  readonly harness?: 'pravega-feed' | 'recovery';
}

const job = (file: string): string => fileURLToPath(new URL(`./jobs/${file}`, import.meta.url));

/**
 * Backpressure runs with small buffers (Flink's benchmark uses small buffers too, or debloating, which Dhara does not
 * have): at 1 ms per record an aligned barrier waits ~1 ms for every record queued ahead of it, and with the default
 * 1,000-record batches and 4 credits that would be several seconds per channel.
 */
const BACKPRESSURE_NETWORK: Partial<NetworkConfig> = { batchSize: 50, creditsPerChannel: 2, maxBacklogPerChannel: 1 };

/**
 * Large state checkpoints take hundreds of milliseconds: a 1 s interval leaves windows without a checkpoint in
 * flight, to compare throughput with.
 */
const LARGE_STATE_INTERVAL_MS = 1_000;

export function allScenarios(parallelisms: readonly number[]): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const p of parallelisms) {
    scenarios.push({
      name: `idle-p${p}`,
      description: 'generator 20k rec/s -> rebalance -> map x3 -> keyBy -> sum (100 keys) -> discard',
      job: job('idle.ts'),
      parallelism: p,
      settings: { intervalMs: 50, ratePerSecond: 20_000, keys: 100 },
    });
  }
  const modes = [
    { mode: 'aligned', settings: { unaligned: false } },
    { mode: 'unaligned', settings: { unaligned: true } },
    { mode: 'aligned-timeout', settings: { unaligned: true, alignedTimeoutMs: 10 } },
  ] as const;
  for (const p of parallelisms) {
    for (const { mode, settings } of modes) {
      scenarios.push({
        name: `backpressure-${mode}-p${p}`,
        description: `generator -> rebalance -> map -> sink sleeping 1 ms/record; ${mode}`,
        job: job('backpressure.ts'),
        parallelism: p,
        settings: { intervalMs: 100, sinkSleepMs: 1, ...settings },
        network: BACKPRESSURE_NETWORK,
      });
    }
  }
  for (const p of parallelisms) {
    scenarios.push({
      name: `large-state-p${p}`,
      description: 'generator (unthrottled) -> keyBy -> value state over 1,000,000 keys -> discard',
      job: job('largeState.ts'),
      parallelism: p,
      settings: { intervalMs: LARGE_STATE_INTERVAL_MS, keys: 1_000_000 },
      metricsIntervalMs: 50,
    });
  }
  for (const p of parallelisms) {
    const induced = { intervalMs: 100, ratePerSecond: 20_000, keys: 100 };
    scenarios.push(
      {
        name: `induced-pravega-p${p}`,
        description: 'Pravega source (writer 20k ev/s, in-process store) -> idle pipeline; reader-group checkpoints',
        job: job('pravegaInduced.ts'),
        parallelism: p,
        settings: induced,
        harness: 'pravega-feed',
      },
      {
        name: `induced-generator-p${p}`,
        description: 'generator 20k rec/s -> idle pipeline; coordinator-triggered checkpoints (the twin of pravega)',
        job: job('idle.ts'),
        parallelism: p,
        settings: induced,
      },
    );
  }
  for (const p of parallelisms) {
    scenarios.push({
      name: `recovery-p${p}`,
      description: 'scheduled source 20k rec/s -> keyBy -> sum (100 keys) -> sink; a worker killed every ~1.5 s',
      job: job('recovery.ts'),
      parallelism: p,
      // The kill point of subtask 0 sees about 1/p of the records.
      settings: { intervalMs: 100, ratePerSecond: 20_000, keys: 100, killAfterRecords: Math.round(30_000 / p) },
      harness: 'recovery',
    });
  }
  return scenarios;
}
