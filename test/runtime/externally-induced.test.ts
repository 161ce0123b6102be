import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CheckpointStorage } from '@dhara/runtime';
import { expect, test } from 'vitest';
import { jobPath, useMiniCluster, withEnv } from '../support/index.ts';
import { MARKER_EVERY, MARKERS } from './jobs/induced-source.ts';

const JOB = jobPath('runtime', 'induced-source');
const mini = useMiniCluster({ name: 'induced', workers: 2, slotsPerWorker: 2 });

interface TaskState {
  operators: Record<
    string,
    {
      listState?: Record<string, { splitId: string; position: number }[]>;
      keyGroups?: Record<string, { tables: Record<string, [string, number][]> }>;
    }
  >;
}

/** For every completed checkpoint: the readers' positions and the counter's per-split counts in its snapshot. */
async function snapshots(jobId: string) {
  const jobDir = path.join(mini.checkpointDir, jobId);
  const result: { id: number; positions: Record<string, number>; counts: Record<string, number> }[] = [];
  for (const name of readdirSync(jobDir).filter((n) => n.startsWith('chk-'))) {
    const dir = path.join(jobDir, name);
    const metadata = await CheckpointStorage.readMetadata(dir);
    const positions: Record<string, number> = {};
    const counts: Record<string, number> = {};
    for (const task of metadata.tasks) {
      const state = CheckpointStorage.decode<TaskState>(await CheckpointStorage.readStateFile(dir, task.handle));
      for (const split of state.operators.markers?.listState?.['source-splits'] ?? [])
        positions[split.splitId] = split.position;
      for (const group of Object.values(state.operators['per-split']?.keyGroups ?? {})) {
        for (const [split, count] of group.tables.count ?? []) counts[split] = count;
      }
    }
    expect(metadata.hooks['test-markers']).toBeDefined();
    result.push({ id: metadata.checkpointId, positions, counts });
  }
  return result.sort((a, b) => a.id - b.id);
}

test.each([
  ['the reader reaches the marker first and waits for the trigger', '0'],
  ["the coordinator's trigger arrives first and waits for the marker", '1'],
])('externally induced checkpoints: %s; each barrier sits exactly at its marker', (_, slow) =>
  withEnv({ INDUCED_SLOW: slow }, async () => {
    const client = await mini.cluster.submit(JOB, { parallelism: 2 });
    const result = await client.result();
    expect(result.collected.totals).toEqual(
      expect.arrayContaining([
        { split: 'a', count: MARKER_EVERY * (MARKERS + 1) },
        { split: 'b', count: MARKER_EVERY * (MARKERS + 1) },
      ]),
    );
    expect(result.collected.totals).toHaveLength(2);
    const taken = await snapshots(client.jobId);
    expect(taken.length).toBeGreaterThanOrEqual(MARKERS - 1);
    for (const { id, positions, counts } of taken) {
      // Checkpoint k holds exactly the records before marker k, in the reader and downstream: none after it. Those
      // after the last marker (the final checkpoint, taken once every task ended its input) hold everything.
      const at = Math.min(id, MARKERS + 1) * MARKER_EVERY;
      expect(positions, `checkpoint ${id}`).toEqual({ a: at, b: at });
      expect(counts, `checkpoint ${id}`).toEqual({ a: at, b: at });
    }
  }),
);
