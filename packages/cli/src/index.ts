// @dhara/cli: the `dhara` command. Its entry is main.ts (bin/dhara.mjs registers tsx and imports it); each subcommand
// is a function of its arguments (everything after its name) that resolves to the process's exit code.
export { BENCH_USAGE, benchCommand } from './commands/bench.ts';
export { BENCH_THROUGHPUT_USAGE, benchThroughputCommand } from './commands/benchThroughput.ts';
export { RUN_USAGE, runCommand } from './commands/run.ts';
export { SAVEPOINT_USAGE, savepointCommand } from './commands/savepoint.ts';
export { storeCommand } from './commands/store.ts';
