import path from 'node:path';
import { parseArgs } from 'node:util';
import { QUERIES, runThroughputSuite, selectQueries, throughputTextReport } from '@dhara/bench';

export const BENCH_THROUGHPUT_USAGE = `usage: dhara bench throughput [options]

Throughput: runs each query on a fresh local mini-cluster (engine pipelines: keyed reduce, chained map -> filter,
tumbling window count; Nexmark-shaped queries q0 passthrough, q1 currency, q2 selection, q5 hot items, q7 highest
bid over generated bids) and prints records/s and records/s per core beside a plain in-process loop of the same query
and the raw worker-channel floor, all measured in the same run. Every run's output is checked against the loop's.

options:
      --quick               300,000 records, 1 measured run after the warm-up (default: 2,000,000, 3 runs)
      --records <n>         records per run
      --runs <n>            measured runs after the warm-up
  -p, --parallelism <n,..>  job parallelism(s) (default 2)
      --query <filter>      only the queries whose name contains one of these comma-separated parts (q5, nexmark, ...)
      --out <dir>           where the JSON goes (default bench/results)
      --list                list the queries and exit
  -h, --help                this text`;

class UsageError extends Error {}

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n > 0)) throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      records: { type: 'string' },
      runs: { type: 'string' },
      parallelism: { type: 'string', short: 'p' },
      query: { type: 'string' },
      out: { type: 'string', default: path.join('bench', 'results') },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help' as const;
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
  const quick = values.quick === true;
  const parallelisms =
    values.parallelism === undefined
      ? [2]
      : values.parallelism.split(',').map((p) => positiveInteger('parallelism', p.trim()));
  const filter = values.query;
  if (filter !== undefined && selectQueries(filter).length === 0) {
    throw new UsageError(`no query matches '${filter}' (queries: ${QUERIES.map((q) => q.name).join(', ')})`);
  }
  return {
    quick,
    records: values.records === undefined ? (quick ? 300_000 : 2_000_000) : positiveInteger('records', values.records),
    runs: values.runs === undefined ? (quick ? 1 : 3) : positiveInteger('runs', values.runs),
    parallelisms,
    filter,
    outDir: values.out ?? path.join('bench', 'results'),
    list: values.list === true,
  };
}

/** `dhara bench throughput`: 0 when every query ran and matched its loop, 1 when one failed, 2 on bad arguments. */
export async function benchThroughputCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`dhara bench throughput: ${(error as Error).message}\n\n${BENCH_THROUGHPUT_USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    console.log(BENCH_THROUGHPUT_USAGE);
    return 0;
  }
  const { list, filter, ...options } = parsed;
  if (list) {
    for (const q of selectQueries(filter)) console.log(`${q.name.padEnd(20)} ${q.description}`);
    return 0;
  }
  try {
    const started = performance.now();
    const { report, file } = await runThroughputSuite({
      ...options,
      ...(filter === undefined ? {} : { filter }),
      log: (line) => console.log(line),
    });
    console.log(throughputTextReport(report));
    console.log(`\nwrote ${file} (${((performance.now() - started) / 1_000).toFixed(1)} s)`);
    return 0;
  } catch (error) {
    console.error(`dhara bench throughput: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
