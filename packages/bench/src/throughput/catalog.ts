// What the throughput suite runs: the engine pipelines (keyed reduce, chained map -> filter, a keyed tumbling window
// count) and the Nexmark-shaped queries, each with its job, its plain loop over the same records and, for the
// Nexmark queries, the goal in records/s per core.
import { fileURLToPath } from 'node:url';
import type { RecordShape } from './floors/index.ts';
import { IN_ORDER_EXTRA_RECORDS } from './jobs/lib/index.ts';
import type { Tally } from './workloads/index.ts';
import {
  chainedLoop,
  currencyLoop,
  highestBidLoop,
  hotItemsLoop,
  keyedLoop,
  passthroughLoop,
  selectionLoop,
  windowsLoop,
} from './workloads/index.ts';

export interface BenchQuery {
  readonly name: string;
  readonly group: 'pipeline' | 'nexmark';
  readonly description: string;
  /** Absolute path of the job module. */
  readonly job: string;
  /** The same work in a plain loop in this thread: what the job's sinks must report, together. */
  readonly loop: (records: number) => Tally;
  /** The records its source makes, for the raw channel floor. */
  readonly shape: RecordShape;
  /** Records the job's source reads beyond the measured ones (an end-of-input marker), if any. */
  readonly extraSourceRecords?: number;
  /** Records/s per core to reach on the 2-core reference machine, where there is a goal. */
  readonly goalPerCore?: number;
}

const job = (file: string): string => fileURLToPath(new URL(`./jobs/${file}`, import.meta.url));

export const QUERIES: readonly BenchQuery[] = [
  {
    name: 'keyed-reduce',
    group: 'pipeline',
    description: 'generator -> map -> keyBy -> running sum (10,000 keys)',
    job: job('keyed-reduce.ts'),
    loop: keyedLoop,
    shape: 'bench-record',
  },
  {
    name: 'chained-map-filter',
    group: 'pipeline',
    description: 'generator -> map -> filter, one chained task per subtask',
    job: job('chained-stateless.ts'),
    loop: chainedLoop,
    shape: 'bench-record',
  },
  {
    name: 'windows-count',
    group: 'pipeline',
    description: 'one generator reader -> keyBy -> tumbling 1 s event-time count per key (10,000 keys)',
    job: job('windows-count.ts'),
    loop: windowsLoop,
    shape: 'bench-record',
  },
  {
    name: 'q0-passthrough',
    group: 'nexmark',
    description: 'Nexmark q0: every bid',
    job: job('nexmark/q0-passthrough.ts'),
    loop: passthroughLoop,
    shape: 'nexmark-bid',
    goalPerCore: 1_550_000,
  },
  {
    name: 'q1-currency',
    group: 'nexmark',
    description: 'Nexmark q1: price in euros (x 0.908)',
    job: job('nexmark/q1-currency.ts'),
    loop: currencyLoop,
    shape: 'nexmark-bid',
    goalPerCore: 1_550_000,
  },
  {
    name: 'q2-selection',
    group: 'nexmark',
    description: 'Nexmark q2: auction and price where auction % 123 == 0',
    job: job('nexmark/q2-selection.ts'),
    loop: selectionLoop,
    shape: 'nexmark-bid',
    goalPerCore: 1_550_000,
  },
  {
    name: 'q5-hot-items',
    group: 'nexmark',
    description: 'Nexmark q5: most-bid auction(s) per sliding 10 s window every 2 s (event time)',
    job: job('nexmark/q5-hot-items.ts'),
    loop: hotItemsLoop,
    shape: 'nexmark-bid',
    goalPerCore: 220_000,
    extraSourceRecords: IN_ORDER_EXTRA_RECORDS,
  },
  {
    name: 'q7-highest-bid',
    group: 'nexmark',
    description: 'Nexmark q7: highest bid(s) per tumbling 10 s window (event time)',
    job: job('nexmark/q7-highest-bid.ts'),
    loop: highestBidLoop,
    shape: 'nexmark-bid',
    goalPerCore: 120_000,
    extraSourceRecords: IN_ORDER_EXTRA_RECORDS,
  },
];

/** The queries whose name contains, or whose group is, one of the comma-separated parts of `filter` (default all). */
export function selectQueries(filter: string | undefined): BenchQuery[] {
  if (filter === undefined) return [...QUERIES];
  const parts = filter
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return QUERIES.filter((q) => parts.some((p) => q.name.includes(p) || q.group === p));
}
