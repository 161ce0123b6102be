// The engine pipelines of the throughput suite (keyed reduce, chained map -> filter) at parallelism 1 and 2, next to
// their plain loops and the raw channel floor: `dhara bench throughput` narrowed to them (@dhara/bench's throughput
// suite, packages/bench/src/throughput/).
//   npx tsx bench/throughput.ts [--quick] [any other `dhara bench throughput` option]
import { runDhara } from './lib/childProcess.ts';

process.exitCode = await runDhara([
  'bench',
  'throughput',
  '--query',
  'keyed-reduce,chained-map-filter',
  '-p',
  '1,2',
  ...process.argv.slice(2),
]);
