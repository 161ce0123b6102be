import { connectToStore, type PravegaClient } from '@dhara/pravega';
import { PravegaOptionError } from '../errors/index.ts';

/**
 * Where the store is: `host:port` or `tcp://host:port` of a standalone store (`dhara store start`), or a function
 * that opens a client (e.g. to an in-process `PravegaStore`, for code that runs in one thread only).
 */
export type StoreAddress = string | (() => Promise<PravegaClient>);

export function parseControllerUri(uri: string): { host: string; port: number } {
  const m = /^(?:tcp:\/\/)?([^:/]+):(\d+)\/?$/.exec(uri.trim());
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new PravegaOptionError('controller-uri', `expected host:port or tcp://host:port, got '${uri}'`);
  }
  return { host: m[1]!, port };
}

/** A fresh client for `address`; the caller closes it. */
export async function openClient(address: StoreAddress): Promise<PravegaClient> {
  if (typeof address === 'function') return address();
  const { host, port } = parseControllerUri(address);
  return connectToStore(host, port);
}
