import { InvalidArgumentError, StoreError } from '../errors/index.ts';
import type { Args, WireError } from '../wire/index.ts';
import type { StoreEngine } from './StoreEngine.ts';

type Op = (e: StoreEngine, a: Args) => Promise<unknown>;

/** The operations a client may call, by name: the same table serves embedded and TCP clients. */
const OPS: Record<string, Op> = {
  hello: async () => ({ version: 1 }),
  createScope: (e, a) => e.createScope(a),
  deleteScope: (e, a) => e.deleteScope(a),
  listScopes: (e) => e.listScopes(),
  listStreams: (e, a) => e.listStreams(a),
  createStream: (e, a) => e.createStream(a),
  sealStream: (e, a) => e.sealStream(a),
  deleteStream: (e, a) => e.deleteStream(a),
  scaleStream: (e, a) => e.scaleStream(a),
  truncateStream: (e, a) => e.truncateStream(a),
  getStreamInfo: (e, a) => e.getStreamInfo(a),
  getCurrentSegments: (e, a) => e.getCurrentSegments(a),
  getSuccessors: (e, a) => e.getSuccessors(a),
  getSegmentInfo: (e, a) => e.getSegmentInfo(a),
  getSegmentsBetween: (e, a) => e.getSegmentsBetween(a),
  append: (e, a) => e.append(a),
  getWriterState: (e, a) => e.getWriterState(a),
  read: (e, a) => e.read(a),
  beginTxn: (e, a) => e.beginTxn(a),
  getTxn: (e, a) => e.getTxn(a),
  pingTxn: (e, a) => e.pingTxn(a),
  txnStatus: (e, a) => e.txnStatus(a),
  commitTxn: (e, a) => e.commitTxn(a),
  abortTxn: (e, a) => e.abortTxn(a),
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
