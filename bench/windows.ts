// The keyed tumbling event-time window count of the throughput suite at parallelism 1 and 2, next to its plain loop:
// `dhara bench throughput` narrowed to it (bench/throughput/).
//   npx tsx bench/windows.ts [--quick] [any other `dhara bench throughput` option]
import { benchThroughputCommand } from '../packages/cli/src/commands/benchThroughput.ts';

process.exitCode = await benchThroughputCommand(['--query', 'windows-count', '-p', '1,2', ...process.argv.slice(2)]);
