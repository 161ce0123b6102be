import { parseArgs } from 'node:util';
import { type JobMetrics, MiniCluster } from '@dhara/runtime';
import { CheckpointLog, parseDurationMs, progressLine, summaryTable } from '../format/index.ts';

export const RUN_USAGE = `usage: dhara run <job.ts> [options]

Runs a job module (default export: defineJob(...)) on a fresh local mini-cluster.

options:
  -p, --parallelism <n>   default parallelism of the job's operators (default 1)
  -w, --workers <n>       worker threads (default 2)
  -s, --slots <n>         slots per worker (default: enough for the job's parallelism)
  -c, --checkpoint-interval <duration>   turn checkpointing on (e.g. 1s, 500ms); the job's own settings win
      --from-savepoint <dir>        start from a savepoint (or a retained checkpoint) folder
      --allow-non-restored-state    start even if the savepoint holds state of operators the job no longer has
      --savepoint-dir <dir>         where savepoints go (default ./savepoints)
      --quiet             no progress lines, only the summary
  -h, --help              this text

While the job runs: SIGUSR2 (kill -USR2 <pid>) takes a savepoint into --savepoint-dir and prints its path;
Ctrl-C (SIGINT) cancels the job.`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

export class UsageError extends Error {}

/** `dhara run`: exit code 0 when the job finishes, 1 when it fails, 2 on bad arguments. */
export async function runCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`dhara run: ${(error as Error).message}\n\n${RUN_USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    console.log(RUN_USAGE);
    return 0;
  }
  const { modulePath, parallelism, workers, slots, quiet, fromSavepoint, allowNonRestoredState, savepointDir } = parsed;
  const { checkpointIntervalMs } = parsed;
  const cluster = await MiniCluster.start({
    workers,
    slotsPerWorker: slots ?? Math.max(1, Math.ceil(parallelism / workers)),
  });
  let latest: JobMetrics | undefined;
  try {
    const job = await cluster.submit(modulePath, {
      parallelism,
      ...(checkpointIntervalMs === undefined ? {} : { checkpointIntervalMs }),
      ...(fromSavepoint === undefined ? {} : { fromSavepoint, allowNonRestoredState }),
    });
    if (fromSavepoint !== undefined) console.log(`dhara: restored from ${fromSavepoint}`);
    console.log(`dhara: job '${job.jobName}' (${job.jobId}) submitted, parallelism ${parallelism}, ${workers} workers`);
    let lastPrinted = 0;
    const checkpoints = new CheckpointLog();
    job.checkpoints$.subscribe((stats) => checkpoints.add(stats));
    job.metrics$.subscribe((metrics) => {
      latest = metrics;
      if (!quiet && metrics.elapsedMs - lastPrinted >= 1000) {
        lastPrinted = metrics.elapsedMs;
        const checkpointing =
          checkpoints.completed.length + checkpoints.failed.length > 0 ? ` | ${checkpoints.line()}` : '';
        console.log(progressLine(job.status, metrics) + checkpointing);
      }
    });
    const stop = (): void => {
      console.error('dhara: cancelling the job');
      void job.cancel();
    };
    const savepoint = (): void => {
      console.log(`dhara: taking a savepoint into ${savepointDir}`);
      job.triggerSavepoint(savepointDir).then(
        (location) => console.log(`dhara: savepoint written to ${location}`),
        (error: unknown) => console.error(`dhara: the savepoint failed: ${(error as Error).message}`),
      );
    };
    process.once('SIGINT', stop);
    process.on('SIGUSR2', savepoint);
    try {
      const result = await job.result();
      console.log(`\ndhara: job '${result.jobName}' finished in ${(result.durationMs / 1000).toFixed(2)} s\n`);
      console.log(summaryTable(result.metrics));
      const checkpointSummary = checkpoints.summary();
      if (checkpointSummary !== '') console.log(`\n${checkpointSummary}`);
      for (const restart of result.restarts) {
        console.log(
          `restart: attempt ${restart.attempt} from ${restart.checkpointId === undefined ? 'the beginning' : `checkpoint ${restart.checkpointId}`}`,
        );
      }
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGUSR2', savepoint);
    }
  } catch (error) {
    if (latest !== undefined) console.error(`${summaryTable(latest)}\n`);
    console.error(`dhara: ${(error as Error).message ?? String(error)}`);
    const cause = (error as Error).cause as Error | undefined;
    if (cause?.stack !== undefined) console.error(`\ncaused by: ${cause.stack}`);
    return 1;
  } finally {
    await cluster.close();
  }
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      parallelism: { type: 'string', short: 'p' },
      workers: { type: 'string', short: 'w' },
      slots: { type: 'string', short: 's' },
      quiet: { type: 'boolean', default: false },
      'from-savepoint': { type: 'string' },
      'checkpoint-interval': { type: 'string', short: 'c' },
      'allow-non-restored-state': { type: 'boolean', default: false },
      'savepoint-dir': { type: 'string', default: 'savepoints' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help' as const;
  const [modulePath, ...extra] = positionals;
  if (modulePath === undefined) throw new UsageError('the job module is missing');
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const slots = values.slots === undefined ? undefined : positiveInt('slots', values.slots, 1);
  const interval = values['checkpoint-interval'];
  const checkpointIntervalMs = interval === undefined ? undefined : parseDurationMs(interval);
  if (interval !== undefined && checkpointIntervalMs === undefined) {
    throw new UsageError(`--checkpoint-interval must be a duration such as 1s or 500ms, got '${interval}'`);
  }
  return {
    modulePath,
    parallelism: positiveInt('parallelism', values.parallelism, 1),
    workers: positiveInt('workers', values.workers, 2),
    slots,
    quiet: values.quiet === true,
    fromSavepoint: values['from-savepoint'],
    allowNonRestoredState: values['allow-non-restored-state'] === true,
    savepointDir: values['savepoint-dir'] ?? 'savepoints',
    checkpointIntervalMs,
  };
}
