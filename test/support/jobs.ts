// Where the job modules of the end-to-end tests live: MiniCluster.submit takes a module's file path.
import { fileURLToPath } from 'node:url';

/** The groups of test/, one per package under test; each keeps its job modules in `test/<group>/jobs/`. */
export type TestGroup = 'runtime' | 'connector-files' | 'connector-pravega';

const TEST_ROOT = new URL('../', import.meta.url);

/** The file path of the job module `test/<group>/jobs/<name>.ts` (the file need not exist). */
export function jobPath(group: TestGroup, name: string): string {
  return fileURLToPath(new URL(`${group}/jobs/${name}.ts`, TEST_ROOT));
}
