import { InvalidArgumentError, StoreError } from '../errors/index.ts';
import type { Args, WireError } from '../wire/index.ts';
import type { StoreEngine } from './StoreEngine.ts';

type Op = (e: StoreEngine, a: Args) => Promise<unknown>;

/**
 * The operations a client may call, by name, each routed to the part of the engine that serves it (streams and
 * scopes, segments, transactions). The same table serves embedded and TCP clients.
 */
const OPS: Record<string, Op> = {
  hello: async () => ({ version: 1 }),
  createScope: (e, a) => e.streamTasks.createScope(a),
  deleteScope: (e, a) => e.streamTasks.deleteScope(a),
  listScopes: (e) => e.streamTasks.listScopes(),
  listStreams: (e, a) => e.streamTasks.listStreams(a),
  createStream: (e, a) => e.streamTasks.createStream(a),
  sealStream: (e, a) => e.streamTasks.sealStream(a),
  deleteStream: (e, a) => e.streamTasks.deleteStream(a),
  scaleStream: (e, a) => e.streamTasks.scaleStream(a),
  truncateStream: (e, a) => e.streamTasks.truncateStream(a),
  getStreamInfo: (e, a) => e.streamTasks.getStreamInfo(a),
  getCurrentSegments: (e, a) => e.streamTasks.getCurrentSegments(a),
  getSuccessors: (e, a) => e.streamTasks.getSuccessors(a),
  getSegmentInfo: (e, a) => e.segmentStore.getSegmentInfo(a),
  getSegmentsBetween: (e, a) => e.streamTasks.getSegmentsBetween(a),
  append: (e, a) => e.segmentStore.append(a),
  getWriterState: (e, a) => e.segmentStore.getWriterState(a),
  read: (e, a) => e.segmentStore.read(a),
  beginTxn: (e, a) => e.transactions.beginTxn(a),
  getTxn: (e, a) => e.transactions.getTxn(a),
  pingTxn: (e, a) => e.transactions.pingTxn(a),
  txnStatus: (e, a) => e.transactions.txnStatus(a),
  commitTxn: (e, a) => e.transactions.commitTxn(a),
  abortTxn: (e, a) => e.transactions.abortTxn(a),
};

export class StoreService {
  constructor(readonly engine: StoreEngine) {}

  /** Run one request. Never throws synchronously; a bad op or argument is a rejected promise with a StoreError. */
  handle(op: unknown, args: unknown): Promise<unknown> {
    try {
      const fn = typeof op === 'string' && Object.hasOwn(OPS, op) ? OPS[op] : undefined;
      if (!fn) throw new InvalidArgumentError(`unknown operation '${String(op).slice(0, 64)}'`);
      if (typeof args !== 'object' || args === null || Array.isArray(args)) {
        throw new InvalidArgumentError(`arguments of '${op as string}' must be a map`);
      }
      return fn(this.engine, args as Args);
    } catch (e) {
      return Promise.reject(e);
    }
  }
}

export function toWireError(e: unknown): WireError {
  if (e instanceof StoreError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
