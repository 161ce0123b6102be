import { parseArgs } from 'node:util';
import { PravegaStore, StoreLockedError } from '@dhara/pravega';

const USAGE = `usage: dhara store start --dir <dir> --port <port> [--host 127.0.0.1]

Runs the @dhara/pravega stream store as a standalone server in the foreground until SIGINT/SIGTERM.`;

/** `dhara store ...`: args are everything after `store`. */
export async function storeCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'start') {
    console.error(USAGE);
    return 2;
  }
  let values: { dir?: string; port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { dir: { type: 'string' }, port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const port = Number(values.port);
  if (!values.dir || values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(USAGE);
    return 2;
  }
  let store: PravegaStore;
  try {
    store = await PravegaStore.open({ dir: values.dir });
  } catch (error) {
    // A directory another store holds: one line naming it and its holder, no stack.
    if (!(error instanceof StoreLockedError)) throw error;
    console.error(`dhara store: ${error.message}`);
    return 1;
  }
  const bound = await store.listen(port, values.host);
  console.log(`dhara store: serving ${values.dir} on ${values.host}:${bound} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await store.close();
  console.log('dhara store: closed');
  return 0;
}
