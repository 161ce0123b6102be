import { parseArgs } from 'node:util';
import { formatTable } from '@dhara/bench';
import { CheckpointStorage } from '@dhara/runtime';

export const SAVEPOINT_USAGE = `usage: dhara savepoint info <dir>

Prints what a savepoint (or a retained checkpoint) folder holds: its id, job, operators by task with their
parallelism, and the size of every state file. Every file's checksum is verified.`;

/** `dhara savepoint info <dir>`: exit code 0, 1 when the folder is not a valid savepoint, 2 on bad arguments. */
export async function savepointCommand(args: string[]): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`dhara savepoint: ${(error as Error).message}\n\n${SAVEPOINT_USAGE}`);
    return 2;
  }
  const [action, dir, ...extra] = positionals;
  if (action === undefined || args.includes('--help') || args.includes('-h')) {
    console.log(SAVEPOINT_USAGE);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'info' || dir === undefined || extra.length > 0) {
    console.error(`dhara savepoint: expected 'info <dir>'\n\n${SAVEPOINT_USAGE}`);
    return 2;
  }
  try {
    const metadata = await CheckpointStorage.readMetadata(dir);
    const bytes = metadata.tasks.reduce((n, t) => n + t.handle.size, 0);
    console.log(
      `${metadata.kind} ${metadata.checkpointId} of job '${metadata.jobName}' (${metadata.jobId}), taken ` +
        `${new Date(metadata.timestamp).toISOString()}, maxParallelism ${metadata.maxParallelism}, ` +
        `${metadata.tasks.length} state files, ${bytes} bytes; all checksums verified`,
    );
    console.log(
      formatTable(
        ['task', 'operators (uids)', 'parallelism', 'state files', 'bytes'],
        metadata.vertices.map((v) => {
          const files = metadata.tasks.filter((t) => t.vertexId === v.id);
          return [v.id, v.uids.join(', '), v.parallelism, files.length, files.reduce((n, t) => n + t.handle.size, 0)];
        }),
      ),
    );
    const coordinators = Object.keys(metadata.coordinators);
    if (coordinators.length > 0) console.log(`split enumerators: ${coordinators.join(', ')}`);
    const hooks = Object.keys(metadata.hooks);
    if (hooks.length > 0) console.log(`master hooks: ${hooks.join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`dhara savepoint: ${(error as Error).message}`);
    return 1;
  }
}
