// `npm run bench`: the quick variant of every benchmark, one after the other, each in a process of its own, each
// printing its tables and writing its JSON to bench/results/ (the checkpoint suite its HTML report too).
//   npm run bench [-- <step> ...]     only these steps: checkpoint, throughput, sources, store, chaos
import { fileURLToPath } from 'node:url';
import { runDhara, runScript } from './lib/childProcess.ts';

interface Step {
  readonly name: string;
  /** The same run as a user types it. */
  readonly command: string;
  readonly run: () => Promise<number>;
}

const script = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

const STEPS: readonly Step[] = [
  {
    name: 'checkpoint',
    command: 'npx dhara bench checkpoint --quick',
    run: () => runDhara(['bench', 'checkpoint', '--quick']),
  },
  {
    name: 'throughput',
    command: 'npx dhara bench throughput --quick',
    run: () => runDhara(['bench', 'throughput', '--quick']),
  },
  {
    name: 'sources',
    command: 'npx tsx bench/sources.ts --quick',
    run: () => runScript(script('./sources.ts'), ['--quick']),
  },
  { name: 'store', command: 'npx tsx bench/store.ts --quick', run: () => runScript(script('./store.ts'), ['--quick']) },
  {
    // Exactly-once rounds rather than a measurement; 10 rounds (as test/chaos runs) instead of the script's 100.
    name: 'chaos',
    command: 'npx tsx bench/chaos/run.ts --rounds 10',
    run: () => runScript(script('./chaos/run.ts'), ['--rounds', '10']),
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !STEPS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`bench: unknown step ${unknown.join(', ')} (steps: ${STEPS.map((s) => s.name).join(', ')})`);
  process.exit(2);
}
const steps = wanted.length === 0 ? STEPS : STEPS.filter((s) => wanted.includes(s.name));

const outcomes: string[] = [];
let failed = 0;
for (const step of steps) {
  console.log(`\n=== ${step.command}\n`);
  const started = performance.now();
  const code = await step.run();
  const seconds = ((performance.now() - started) / 1_000).toFixed(0);
  if (code !== 0) failed++;
  outcomes.push(`  ${code === 0 ? 'ok    ' : `FAILED (exit ${code})`} ${step.command} (${seconds} s)`);
}
console.log(`\n=== ${steps.length - failed} of ${steps.length} benchmarks ran\n${outcomes.join('\n')}`);
process.exitCode = failed === 0 ? 0 : 1;
