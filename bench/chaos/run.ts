// The chaos script: N rounds (default 100) of the exactly-once pipeline against a standalone store (a separate
// `dhara store start` process), each with a fault at random points; prints a table per fault kind and writes JSON.
//   npx tsx bench/chaos/run.ts [--rounds 100] [--seed <n>] [--events 3000] [--out bench/results]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchEnvironment, writeResultJson } from '@dhara/bench';
import { connectToStore } from '@dhara/pravega';
import { MiniCluster } from '@dhara/runtime';
import { type ChaosVerdict, FAULT_KINDS, planRound, runChaosRound } from './round.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '100' },
    seed: { type: 'string' },
    events: { type: 'string', default: '3000' },
    out: { type: 'string', default: path.join('bench', 'results') },
  },
});
const rounds = Number(values.rounds);
const events = Number(values.events);
const baseSeed = values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The store as its own process, as a user runs it; resolves with its port once it serves. */
async function startStandaloneStore(dir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'packages/cli/bin/dhara.mjs'), 'store', 'start', '--dir', dir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /on [\d.]+:(\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`dhara store start exited with ${code}: ${seen}`)));
  });
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'dhara-chaos-'));
const store = await startStandaloneStore(path.join(dir, 'store'));
const client = await connectToStore('127.0.0.1', store.port);
await client.streamManager().createScope('chaos');
const cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 6, checkpointDir: path.join(dir, 'chk') });
console.log(
  `standalone store on 127.0.0.1:${store.port}; ${rounds} rounds from seed ${baseSeed}, ${events} events each`,
);

const verdicts: ChaosVerdict[] = [];
const started = performance.now();
try {
  for (let round = 0; round < rounds; round++) {
    const spec = planRound(round, baseSeed + round, round % 2 === 0 ? 2 : 4, undefined, events);
    const verdict = await runChaosRound({ cluster, client, port: store.port, scope: 'chaos' }, spec);
    verdicts.push(verdict);
    const mark = verdict.ok ? 'ok' : 'FAILED';
    console.log(
      `round ${String(round).padStart(3)} seed ${spec.seed} p=${spec.parallelism} ${spec.kind.padEnd(30)} ` +
        `restarts ${verdict.restarts}  committed ${verdict.committed}  dup ${verdict.duplicated}  ` +
        `missing ${verdict.missing}  wrong ${verdict.wrongCounts}  uncommitted-seen ${verdict.uncommittedSeen}  ` +
        `${(verdict.wallMs / 1000).toFixed(1)} s  ${mark}`,
    );
  }
} finally {
  await cluster.close();
  await client.close();
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
}

const rows = FAULT_KINDS.map((kind) => {
  const of = verdicts.filter((v) => v.spec.kind === kind);
  return {
    kind,
    rounds: of.length,
    ok: of.filter((v) => v.ok).length,
    restarts: of.reduce((n, v) => n + v.restarts, 0),
    noFailureFired: of.filter((v) => v.restarts === 0).length,
    medianSeconds:
      of.length === 0 ? 0 : of.map((v) => v.wallMs).sort((a, b) => a - b)[Math.floor(of.length / 2)]! / 1000,
  };
});
console.log('\n| fault | rounds | exactly once | restarts | rounds where no fault fired | median s/round |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.kind} | ${r.rounds} | ${r.ok} | ${r.restarts} | ${r.noFailureFired} | ${r.medianSeconds.toFixed(1)} |`,
  );
}
const failed = verdicts.filter((v) => !v.ok);
console.log(
  `\n${verdicts.length - failed.length} of ${verdicts.length} rounds exactly once ` +
    `(${((performance.now() - started) / 1000).toFixed(0)} s)` +
    (failed.length > 0 ? `; failed seeds: ${failed.map((v) => v.spec.seed).join(', ')}` : ''),
);
const environment = benchEnvironment();
const file = writeResultJson(values.out ?? path.join('bench', 'results'), 'chaos', environment.date, {
  environment,
  baseSeed,
  rounds,
  events,
  summary: rows,
  verdicts,
});
console.log(`wrote ${file}`);
process.exitCode = failed.length === 0 ? 0 : 1;
