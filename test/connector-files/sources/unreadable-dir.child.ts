// Run by errors.test.ts as an unprivileged user (root reads any directory): submits the files job on a directory it
// may not list and prints how the job ended, as JSON on stdout.
import { MiniCluster } from '@dhara/runtime';
// Not through ../../support/index.ts, which loads vitest: this script runs outside the test runner.
import { messageChain } from '../../support/errorChain.ts';

const [dir] = process.argv.slice(2);
const cluster = await MiniCluster.start({ workers: 1, slotsPerWorker: 1 });
try {
  process.env.DHARA_TEST_FILES = JSON.stringify([dir]);
  const job = await cluster.submit(new URL('../jobs/files.ts', import.meta.url).pathname, { parallelism: 1 });
  const outcome = await job.result().then(
    () => ({ failed: false, message: '', code: undefined }),
    (error: Error) => ({ failed: true, message: messageChain(error), code: findCode(error) }),
  );
  process.stdout.write(JSON.stringify(outcome));
} finally {
  await cluster.close();
}

function findCode(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: string }).code;
    if (code?.startsWith('FILE_')) return code;
  }
  return undefined;
}
