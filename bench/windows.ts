// The keyed tumbling event-time window count of the throughput suite at parallelism 1 and 2, next to its plain loop:
// `dhara bench throughput` narrowed to it (@dhara/bench's throughput suite, packages/bench/src/throughput/).
//   npx tsx bench/windows.ts [--quick] [any other `dhara bench throughput` option]
import { runDhara } from './lib/childProcess.ts';

process.exitCode = await runDhara([
  'bench',
  'throughput',
  '--query',
  'windows-count',
  '-p',
  '1,2',
  ...process.argv.slice(2),
]);
