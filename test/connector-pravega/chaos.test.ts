// Exactly-once end to end under injected failures: 10 rounds (parallelism 2 and 4, every fault kind), each on fresh
// streams of one store served on loopback. The seeds are fixed (printed in each title), so a run repeats the last;
// CHAOS_SEED=<n> runs another base seed, and `npx tsx bench/chaos/run.ts` runs 100 rounds at random seeds.
import { expect, test } from 'vitest';
import { FAULT_KINDS, planRound, runChaosRound } from '../../bench/chaos/index.ts';
import { useStoreAndCluster } from './store.ts';

const setup = useStoreAndCluster({ workers: 2, slotsPerWorker: 6 });

/** Fixed, so that `npm test` is the same run every time; each round draws its fault points from base + round. */
const base = Number(process.env.CHAOS_SEED ?? 449_400);
const rounds = Array.from({ length: 10 }, (_, round) => ({
  round,
  seed: base + round,
  parallelism: round % 2 === 0 ? 2 : 4,
  kind: FAULT_KINDS[round % FAULT_KINDS.length]!,
}));

test.each(rounds)(
  'round $round: parallelism $parallelism, $kind at a seeded point (seed $seed): exactly once, nothing uncommitted seen',
  { timeout: 60_000 },
  async ({ round, seed, parallelism, kind }) => {
    const spec = planRound(round, seed, parallelism, kind, 3000);
    const { store, cluster } = setup;
    const verdict = await runChaosRound({ cluster, client: store.client, port: store.port, scope: 't' }, spec);
    expect({
      faults: spec.faults,
      committed: verdict.committed,
      duplicated: verdict.duplicated,
      missing: verdict.missing,
      wrongCounts: verdict.wrongCounts,
      uncommittedSeen: verdict.uncommittedSeen,
      liveRows: verdict.liveRows,
    }).toEqual({
      faults: spec.faults,
      committed: 3000,
      duplicated: 0,
      missing: 0,
      wrongCounts: 0,
      uncommittedSeen: 0,
      liveRows: 3000,
    });
    // Every kind fires within the run (a checkpoint fault needs the job to reach that checkpoint).
    expect(verdict.restarts).toBeGreaterThanOrEqual(1);
  },
);
