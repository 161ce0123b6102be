import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkpointTextReport, runCheckpointSuite, selectScenarios } from '@dhara/bench';
import { benchThroughputCommand } from './benchThroughput.ts';

export const BENCH_USAGE = `usage: dhara bench checkpoint [options]
       dhara bench throughput [options]   (records/s per query and per core: dhara bench throughput --help)

Checkpoint latency: runs each scenario on a fresh local mini-cluster, collects every checkpoint's statistics, and
prints end-to-end p50/p90/p99/p99.9/max, phase medians, bytes, counts and records/s beside floors measured in the
same run (fsync commit of the same bytes on the same disk + a barrier-sized ping through the same number of threads).

options:
      --quick               5 s per scenario (the whole suite in about a minute)
      --duration <s>        seconds per scenario, warm-up included (default 20; 5 with --quick)
  -p, --parallelism <n>     only this parallelism (default: 1 and 2)
      --full                parallelism 4 too (every scenario at 1, 2 and 4)
      --scenario <name>     only the scenarios whose name contains this (idle, backpressure-aligned-p2, ...)
      --out <dir>           where the JSON and the HTML report (charts) go (default bench/results)
      --list                list the scenarios and exit
  -h, --help                this text`;

class UsageError extends Error {}

function positive(name: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n)) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${value}'`);
  }
  return n;
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      duration: { type: 'string' },
      parallelism: { type: 'string', short: 'p' },
      scenario: { type: 'string' },
      out: { type: 'string', default: path.join('bench', 'results') },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help' as const;
  const [suite, ...extra] = positionals;
  if (suite !== 'checkpoint')
    throw new UsageError(suite === undefined ? 'which suite? (checkpoint, throughput)' : `unknown suite '${suite}'`);
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const quick = values.quick === true;
  const durationMs =
    values.duration === undefined ? (quick ? 5_000 : 20_000) : positive('duration', values.duration, false) * 1_000;
  return {
    quick,
    durationMs,
    warmupMs: Math.min(quick ? 1_000 : 2_000, durationMs / 5),
    parallelisms:
      values.parallelism === undefined
        ? values.full === true
          ? [1, 2, 4]
          : [1, 2]
        : [positive('parallelism', values.parallelism, true)],
    filter: values.scenario,
    outDir: values.out ?? path.join('bench', 'results'),
    list: values.list === true,
  };
}

/** `dhara bench checkpoint`: 0 when every scenario ran, 1 when one failed, 2 on bad arguments. */
export async function benchCommand(args: string[]): Promise<number> {
  if (args[0] === 'throughput') return benchThroughputCommand(args.slice(1));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`dhara bench: ${(error as Error).message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    console.log(BENCH_USAGE);
    return 0;
  }
  const { list, filter, ...options } = parsed;
  if (list) {
    for (const s of selectScenarios(options.parallelisms, filter)) console.log(`${s.name.padEnd(32)} ${s.description}`);
    return 0;
  }
  try {
    const started = performance.now();
    const { report, file, html } = await runCheckpointSuite({
      ...options,
      ...(filter === undefined ? {} : { filter }),
      log: (line) => console.log(line),
    });
    console.log(checkpointTextReport(report));
    console.log(`\nwrote ${file} and ${html} (${((performance.now() - started) / 1_000).toFixed(1)} s)`);
    for (const failure of report.failures)
      console.error(`dhara bench: scenario ${failure.name} failed: ${failure.error}`);
    return report.failures.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`dhara bench: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
