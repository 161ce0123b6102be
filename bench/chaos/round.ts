// One chaos round: fresh input and output streams, a seeded fault at a random point, the chaos pipeline on the given
// mini-cluster, and a verdict — every expected row exactly once in the committed output, every running count right,
// and a live reader of the output stream (reading while the job runs) never shown anything that was not committed.
import { fileURLToPath } from 'node:url';
import { JsonSerializer, type PravegaClient, ScalingPolicy } from '@dhara/pravega';
import type { MiniCluster } from '@dhara/runtime';
import type { FaultSpec } from '@dhara/runtime/testing';
import type { ChaosEvent, ChaosRow } from './jobs/pipeline.ts';

export const FAULT_KINDS = [
  'killed-worker',
  'throwing-operator',
  'between-completion-and-commit',
  'killed-reader',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ChaosTarget {
  readonly cluster: MiniCluster;
  readonly client: PravegaClient;
  readonly port: number;
  readonly scope: string;
}

export interface ChaosRoundSpec {
  readonly round: number;
  readonly seed: number;
  readonly parallelism: number;
  readonly kind: FaultKind;
  readonly events: number;
  readonly keys: number;
  readonly faults: readonly FaultSpec[];
}

export interface ChaosVerdict {
  readonly spec: ChaosRoundSpec;
  readonly restarts: number;
  readonly committed: number;
  readonly duplicated: number;
  readonly missing: number;
  readonly wrongCounts: number;
  /** Rows the live reader saw that are not in the committed output (it must never see uncommitted data). */
  readonly uncommittedSeen: number;
  readonly liveRows: number;
  readonly wallMs: number;
  readonly ok: boolean;
}

const JOB = fileURLToPath(new URL('./jobs/pipeline.ts', import.meta.url));

/** mulberry32: a small seeded generator, so that a failing round can be run again from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The round's fault, at random points drawn from `seed`: a record count between 10% and 80% of a subtask's share,
 * or checkpoint 1 to 3 (the final checkpoint, if the job gets no further). The kind is drawn too, unless given.
 */
export function planRound(
  round: number,
  seed: number,
  parallelism: number,
  kindGiven?: FaultKind,
  events = 6000,
  keys = 13,
): ChaosRoundSpec {
  const next = random(seed);
  const drawn = FAULT_KINDS[Math.floor(next() * FAULT_KINDS.length)]!;
  const kind = kindGiven ?? drawn;
  // On every subtask, each at its own point: the first to be reached fails the job (the others belong to the first
  // attempt only), so the fault fires however the reader group spread the segments or the keys fell.
  const faults: FaultSpec[] = [];
  // A short job may complete only its first checkpoint (the final one): one subtask, drawn, fails on that one.
  const firstCheckpointSubtask = Math.floor(next() * parallelism);
  for (let subtaskIndex = 0; subtaskIndex < parallelism; subtaskIndex++) {
    const records = Math.max(1, Math.floor((0.1 + next() * 0.7) * (events / parallelism)));
    const checkpoint = subtaskIndex === firstCheckpointSubtask ? 1 : 1 + Math.floor(next() * 3);
    faults.push(
      kind === 'killed-worker'
        ? { operatorUid: 'count', subtaskIndex, at: { records }, action: 'exit-worker' }
        : kind === 'throwing-operator'
          ? { operatorUid: 'count', subtaskIndex, at: { records }, action: 'throw' }
          : kind === 'killed-reader'
            ? { operatorUid: 'in', subtaskIndex, at: { records }, action: 'exit-worker' }
            : { operatorUid: 'out', subtaskIndex, at: { checkpoint, phase: 'notify-complete' }, action: 'throw' },
    );
  }
  return { round, seed, parallelism, kind, events, keys, faults };
}

/** The input: `events` events over `keys` keys, each key's events in order on its routing key; then sealed. */
async function writeInput(client: PravegaClient, scope: string, stream: string, spec: ChaosRoundSpec): Promise<void> {
  const writer = client.createEventWriter<ChaosEvent>(scope, stream, new JsonSerializer<ChaosEvent>());
  for (let i = 0; i < spec.events; i++) {
    const key = `k${i % spec.keys}`;
    void writer.writeEvent(key, { key, seq: Math.floor(i / spec.keys) });
  }
  await writer.flush();
  await writer.close();
  await client.streamManager().sealStream(scope, stream);
}

/** Reads the output stream as a plain application would, while the job runs, until told to stop. */
function liveReader(client: PravegaClient, scope: string, stream: string, group: string) {
  const rows: ChaosRow[] = [];
  let stopping = false;
  const done = (async () => {
    await client.readerGroupManager(scope).createReaderGroup(group, { streams: [stream] });
    const reader = await client.createReader(`${group}-r`, scope, group, new JsonSerializer<ChaosRow>());
    let quietSince = Date.now();
    for (;;) {
      const read = await reader.readNextEvent(50);
      if (read.event !== null) {
        rows.push(read.event);
        quietSince = Date.now();
      } else if (stopping && Date.now() - quietSince > 300) {
        break;
      }
    }
    await reader.close();
  })();
  return {
    rows,
    stop: async (): Promise<void> => {
      stopping = true;
      await done;
    },
  };
}

async function readCommitted(client: PravegaClient, scope: string, stream: string): Promise<ChaosRow[]> {
  const batch = client.batchClient();
  const out: ChaosRow[] = [];
  for (const range of await batch.getSegments(scope, stream)) {
    for await (const row of batch.readSegment(range, new JsonSerializer<ChaosRow>())) out.push(row);
  }
  return out;
}

export async function runChaosRound(target: ChaosTarget, spec: ChaosRoundSpec): Promise<ChaosVerdict> {
  const { cluster, client, port, scope } = target;
  const started = performance.now();
  const input = `chaos-in-${spec.round}`;
  const output = `chaos-out-${spec.round}`;
  const streams = client.streamManager();
  await streams.createStream(scope, input, { scalingPolicy: ScalingPolicy.fixed(Math.max(2, spec.parallelism)) });
  await streams.createStream(scope, output, { scalingPolicy: ScalingPolicy.fixed(3) });
  await writeInput(client, scope, input, spec);
  const live = liveReader(client, scope, output, `live-${spec.round}`);

  const env = {
    CHAOS_PORT: String(port),
    CHAOS_SCOPE: scope,
    CHAOS_IN: input,
    CHAOS_OUT: output,
  };
  Object.assign(process.env, env);
  let restarts: number;
  try {
    const job = await cluster.submit(JOB, { parallelism: spec.parallelism, faults: spec.faults });
    restarts = (await job.result()).restarts.length;
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
  await live.stop();

  const rows = await readCommitted(client, scope, output);
  const seen = new Map<string, number>();
  let wrongCounts = 0;
  for (const row of rows) {
    const id = `${row.key}#${row.seq}`;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (row.count !== row.seq + 1) wrongCounts++;
  }
  let missing = 0;
  for (let i = 0; i < spec.events; i++) if (!seen.has(`k${i % spec.keys}#${Math.floor(i / spec.keys)}`)) missing++;
  const duplicated = [...seen.values()].filter((n) => n > 1).length;
  const committedIds = new Set(rows.map((r) => `${r.key}#${r.seq}#${r.count}`));
  const uncommittedSeen = live.rows.filter((r) => !committedIds.has(`${r.key}#${r.seq}#${r.count}`)).length;
  const ok =
    rows.length === spec.events &&
    missing === 0 &&
    duplicated === 0 &&
    wrongCounts === 0 &&
    uncommittedSeen === 0 &&
    live.rows.length === rows.length;
  return {
    spec,
    restarts,
    committed: rows.length,
    duplicated,
    missing,
    wrongCounts,
    uncommittedSeen,
    liveRows: live.rows.length,
    wallMs: performance.now() - started,
    ok,
  };
}
