// The scenarios of the checkpoint benchmark: which job, with which settings and network buffers.
// Done: 1 (idle-ish) and 3 (backpressure: aligned, unaligned, aligned with a timeout), each at parallelism 1 and 2.
import { fileURLToPath } from 'node:url';
import type { NetworkConfig } from '@dhara/runtime';
import type { JobSettings } from './jobEnv.ts';

export interface Scenario {
  /** Unique, e.g. `backpressure-unaligned-p2`; `--scenario` filters on a substring of it. */
  readonly name: string;
  readonly description: string;
  readonly job: string;
  readonly parallelism: number;
  readonly settings: JobSettings;
  readonly network?: Partial<NetworkConfig>;
}

const job = (file: string): string => fileURLToPath(new URL(`./jobs/${file}`, import.meta.url));

/**
 * Backpressure runs with small buffers (Flink's benchmark uses small buffers too, or debloating, which Dhara does not
 * have): at 1 ms per record an aligned barrier waits ~1 ms for every record queued ahead of it, and with the default
 * 1,000-record batches and 4 credits that would be several seconds per channel.
 */
const BACKPRESSURE_NETWORK: Partial<NetworkConfig> = { batchSize: 50, creditsPerChannel: 2, maxBacklogPerChannel: 1 };

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
  return scenarios;
}
