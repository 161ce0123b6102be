import { benchCommand } from './commands/bench.ts';
import { runCommand } from './commands/run.ts';
import { savepointCommand } from './commands/savepoint.ts';
import { storeCommand } from './commands/store.ts';

const USAGE = `usage: dhara <command> [options]

commands:
  run <job.ts>       run a job on a local mini-cluster (dhara run --help)
  bench checkpoint   checkpoint latency per scenario against measured floors, JSON + HTML report (dhara bench --help)
  bench throughput   records/s of pipelines and Nexmark-shaped queries against the raw channel and plain loops
  store start        run the stream store as a standalone server on loopback (dhara store --help)
  savepoint info     show what a savepoint folder holds (dhara savepoint --help)

Run 'dhara <command> --help' for a command's options.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  run: runCommand,
  bench: benchCommand,
  store: storeCommand,
  savepoint: savepointCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`dhara: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return command(args);
}

process.exitCode = await main(process.argv.slice(2));
