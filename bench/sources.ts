// Benchmark of the file source: lines/s and MB/s of FileSource into a discarding sink at parallelism 1 and 2, next
// to a plain readline loop over the same files in the same run (the floor to match).
// Run: npx tsx bench/sources.ts [--quick]      Writes bench/results/sources.json.
// This module is also the benchmark's job: the job manager and the workers import it for its default export.
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { FileSource } from '@dhara/connector-files';
import { defineJob, discardingSink, WatermarkStrategy } from '@dhara/core';

export default defineJob('bench-file-source', (env) => {
  const paths = JSON.parse(process.env.DHARA_BENCH_FILES ?? '[]') as string[];
  env.fromSource(FileSource.lines(paths), WatermarkStrategy.noWatermarks(), 'files').sinkTo(discardingSink());
});

interface Measurement {
  readonly name: string;
  readonly lines: number;
  readonly seconds: number;
  readonly linesPerSec: number;
  readonly mbPerSec: number;
}

/** Files of ASCII lines, 40-160 bytes, deterministic. */
function generate(dir: string, totalBytes: number, files: number): { paths: string[]; lines: number; bytes: number } {
  const paths: string[] = [];
  let lines = 0;
  let bytes = 0;
  let seed = 42;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  for (let f = 0; f < files; f++) {
    const parts: string[] = [];
    let size = 0;
    while (size < totalBytes / files) {
      const words = 4 + (next() % 20);
      let line = '';
      for (let w = 0; w < words; w++) line += `${w === 0 ? '' : ' '}w${(next() % 50_000).toString(36)}`;
      parts.push(line);
      size += line.length + 1;
    }
    const path = join(dir, `part-${String(f).padStart(3, '0')}.txt`);
    writeFileSync(path, `${parts.join('\n')}\n`);
    paths.push(path);
    lines += parts.length;
    bytes += size;
  }
  return { paths, lines, bytes };
}

async function readlineLoop(paths: readonly string[]): Promise<number> {
  let lines = 0;
  for (const path of paths) {
    const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const _line of rl) lines++;
  }
  return lines;
}

function measurement(name: string, lines: number, bytes: number, ms: number): Measurement {
  const seconds = ms / 1000;
  return { name, lines, seconds, linesPerSec: lines / seconds, mbPerSec: bytes / 1e6 / seconds };
}

async function main(): Promise<void> {
  const { MiniCluster } = await import('@dhara/runtime');
  const quick = process.argv.includes('--quick');
  const totalBytes = (quick ? 20 : 200) * 1e6;
  const rounds = quick ? 1 : 2;
  const dir = mkdtempSync(join(tmpdir(), 'dhara-sources-bench-'));
  const data = generate(dir, totalBytes, 8);
  console.log(`${data.paths.length} files, ${(data.bytes / 1e6).toFixed(0)} MB, ${data.lines.toLocaleString()} lines`);
  process.env.DHARA_BENCH_FILES = JSON.stringify(data.paths);
  const job = new URL(import.meta.url).pathname;
  const cluster = await MiniCluster.start({ workers: 2, slotsPerWorker: 1 });
  const results: Measurement[] = [];
  try {
    // Warm-up: worker threads load the job module and the connector once.
    await (await cluster.submit(job, { parallelism: 2 })).result();
    const best = new Map<string, Measurement>();
    const keep = (m: Measurement): void => {
      const held = best.get(m.name);
      if (held === undefined || m.seconds < held.seconds) best.set(m.name, m);
    };
    for (let round = 0; round < rounds; round++) {
      let t0 = performance.now();
      const plain = await readlineLoop(data.paths);
      keep(measurement('readline loop (1 thread)', plain, data.bytes, performance.now() - t0));
      if (plain !== data.lines) throw new Error(`readline counted ${plain} lines, expected ${data.lines}`);
      for (const parallelism of [1, 2]) {
        t0 = performance.now();
        const result = await (await cluster.submit(job, { parallelism })).result();
        const ms = performance.now() - t0;
        const read = result.metrics.vertices[0]!.recordsIn;
        if (read !== data.lines) throw new Error(`FileSource read ${read} lines, expected ${data.lines}`);
        keep(measurement(`FileSource, parallelism ${parallelism}`, read, data.bytes, ms));
      }
    }
    results.push(...best.values());
  } finally {
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const floor = results[0]!;
  console.log(
    `\n${'run'.padEnd(28)}${'lines/s'.padStart(14)}${'MB/s'.padStart(9)}${'seconds'.padStart(10)}${'vs loop'.padStart(10)}`,
  );
  for (const m of results) {
    console.log(
      `${m.name.padEnd(28)}${Math.round(m.linesPerSec).toLocaleString().padStart(14)}${m.mbPerSec.toFixed(0).padStart(9)}` +
        `${m.seconds.toFixed(2).padStart(10)}${`${(m.linesPerSec / floor.linesPerSec).toFixed(2)}x`.padStart(10)}`,
    );
  }
  const p2 = results.find((m) => m.name.endsWith('parallelism 2'))!;
  const goalMet = p2.linesPerSec >= floor.linesPerSec;
  console.log(`\ngoal (parallelism 2 >= plain loop): ${goalMet ? 'met' : 'NOT met'}`);
  const out = new URL('./results/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, quick ? 'sources.quick.json' : 'sources.json'),
    `${JSON.stringify({ date: new Date().toISOString(), quick, bytes: data.bytes, lines: data.lines, results, goalMet }, null, 2)}\n`,
  );
}

if (isMainThread && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
