import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ReaderCheckpointData } from '@dhara/connector-pravega';
import { Checkpoint, JsonSerializer, type PravegaClient, type StreamCut } from '@dhara/pravega';
import { CheckpointStorage } from '@dhara/runtime';
import type { FaultSpec } from '@dhara/runtime/testing';
import { describe, expect, test } from 'vitest';
import { jobPath, withEnv } from '../support/index.ts';
import type { CountedEvent } from './jobs/pos-count.ts';
import type { SeqEvent } from './jobs/scale-ordered.ts';
import { SequenceWriter, splitAll } from './scaling.ts';
import { createStream, readStream, useStoreAndCluster } from './store.ts';

const JOB = jobPath('connector-pravega', 'pos-count');
const KEYS = 8;
const PER_KEY = 1000;
const setup = useStoreAndCluster();

interface TaskState {
  operators: Record<string, { keyGroups?: Record<string, { tables: Record<string, [string, number][]> }> }>;
}

/** Per key, the events of `stream` before `cut` (head to cut, every segment, sealed ones included). */
async function countsBefore(client: PravegaClient, stream: string, cut: StreamCut): Promise<Record<string, number>> {
  const batch = client.batchClient();
  const counts: Record<string, number> = {};
  for (const range of await batch.getSegments('t', stream, null, cut)) {
    for await (const e of batch.readSegment(range, new JsonSerializer<SeqEvent>())) {
      counts[e.key] = (counts[e.key] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * Every completed checkpoint of the job: its reader-group checkpoint's cut (the hook's state; undefined when every
 * segment was completed, i.e. all was read) and the keyed counts.
 */
async function checkpoints(jobDir: string, hookId: string) {
  const result: { id: number; cut: StreamCut | undefined; counts: Record<string, number> }[] = [];
  for (const name of readdirSync(jobDir).filter((n) => n.startsWith('chk-'))) {
    const dir = path.join(jobDir, name);
    if (!existsSync(path.join(dir, '_metadata'))) continue; // aborted, or abandoned by the restart
    const metadata = await CheckpointStorage.readMetadata(dir);
    const hookState = metadata.hooks[hookId];
    expect(hookState, `${name}: hook state`).toBeDefined();
    const data = CheckpointStorage.decode<ReaderCheckpointData>(hookState!);
    expect(data.name).toBe(`PVG-CHK-${metadata.checkpointId}`);
    const cuts = [...Checkpoint.fromText(data.checkpoint).streamCuts.values()];
    expect(cuts.length).toBeLessThanOrEqual(1);
    const counts: Record<string, number> = {};
    for (const task of metadata.tasks) {
      const state = CheckpointStorage.decode<TaskState>(await CheckpointStorage.readStateFile(dir, task.handle));
      for (const group of Object.values(state.operators.count?.keyGroups ?? {})) {
        for (const [key, count] of group.tables.count ?? []) counts[key] = count;
      }
    }
    result.push({ id: metadata.checkpointId, cut: cuts[0], counts });
  }
  return result.sort((a, b) => a.id - b.id);
}

let runs = 0;

describe('PravegaSource: the barrier sits at the reader-group checkpoint position', () => {
  test.each<[string, FaultSpec[], Record<string, string>]>([
    ['no failure', [], {}],
    [
      'a restore from a checkpoint',
      [{ operatorUid: 'count', subtaskIndex: 0, at: { checkpoint: 1, phase: 'notify-complete' }, action: 'throw' }],
      {},
    ],
    // Checkpoints that expire after the readers met their markers: the markers must not hold the readers back.
    ['checkpoints expiring after 300 ms', [], { PRAVEGA_CHECKPOINT_TIMEOUT_MS: '300' }],
  ])(
    'with %s: each checkpoint counts exactly the events before its cut; none counted twice',
    { timeout: 60_000 },
    async (_name, faults, extraEnv) => {
      const { store, cluster } = setup;
      const input = `pos-in${runs}`;
      const out = `pos-out${runs++}`;
      await createStream(store.client, input, 2);
      await createStream(store.client, out, 2);
      // Half the events before a split, half after: the cuts span sealed segments and their successors.
      const writer = new SequenceWriter(store.client, input, KEYS, PER_KEY);
      await writer.write(writer.total / 2);
      await splitAll(store.client, input);
      await writer.write(writer.remaining);
      const { tailStreamCut } = await store.client.streamManager().getStreamInfo('t', input);
      const env = {
        PRAVEGA_PORT: String(store.port),
        PRAVEGA_SCOPE: 't',
        PRAVEGA_IN: input,
        PRAVEGA_OUT: out,
        PRAVEGA_END_CUT: tailStreamCut.toText(),
        ...extraEnv,
      };
      const { job, result } = await withEnv(env, async () => {
        const job = await cluster.submit(JOB, { parallelism: 2, faults });
        return { job, result: await job.result() };
      });
      expect(result.restarts).toHaveLength(faults.length);

      const taken = await checkpoints(path.join(setup.checkpointDir, job.jobId), `pravega-reader-group-rg-${input}`);
      expect(taken.length).toBeGreaterThanOrEqual(1);
      for (const { id, cut, counts } of taken) {
        // The keyed state of checkpoint n holds exactly the events before reader-group checkpoint n's cut.
        expect(counts, `checkpoint ${id}`).toEqual(await countsBefore(store.client, input, cut ?? tailStreamCut));
      }
      for (const restart of result.restarts) {
        const restored = taken.find((t) => t.id === restart.checkpointId);
        expect(restored, 'restored from a retained checkpoint').toBeDefined();
        const counted = Object.values(restored!.counts).reduce((a, b) => a + b, 0);
        // It was taken part-way: what came after its cut was read again after the restore.
        expect(counted).toBeLessThan(writer.total);
      }

      // Committed output: every event once, and each key's counts exactly 1..PER_KEY, across the restore: nothing
      // in the restored checkpoint's past was counted again, nothing after it was skipped. (Counts are not checked
      // against sequence numbers: across a split, a successor's first events may overtake the predecessor's last
      // ones when two subtasks read them — see the connector README.)
      const rows = await readStream<CountedEvent>(store.client, out);
      const events = new Set(rows.map((r) => `${r.key}/${r.seq}`));
      const counts = new Set(rows.map((r) => `${r.key}/${r.count - 1}`));
      expect({ rows: rows.length, events: events.size, counts: counts.size }).toEqual({
        rows: writer.total,
        events: writer.total,
        counts: writer.total,
      });
      for (const row of rows) expect(row.count, `${row.key}/${row.seq}`).toBeLessThanOrEqual(PER_KEY);
    },
  );
});
