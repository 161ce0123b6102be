import { parseControllerUri, type StoreAddress } from '../client/index.ts';
import { PravegaOptionError } from '../errors/index.ts';
import type { FlatOptions } from './FlatOptions.ts';

/** What flat string options cannot carry. */
export interface PravegaTableContext {
  /**
   * The store, instead of `controller-uri`: e.g. a function opening a client (of an in-process store, for code that
   * runs in one thread only). Give one or the other.
   */
  readonly controller?: StoreAddress;
}

export function controllerOf(flat: FlatOptions, context: PravegaTableContext): StoreAddress {
  const uri = flat.string('controller-uri');
  if (uri !== undefined && context.controller !== undefined) {
    throw new PravegaOptionError('controller-uri', 'given both as an option and as the context controller; give one');
  }
  if (context.controller !== undefined) return context.controller;
  if (uri === undefined) {
    throw new PravegaOptionError('controller-uri', 'missing: required (host:port or tcp://host:port of the store)');
  }
  parseControllerUri(uri);
  return uri;
}
