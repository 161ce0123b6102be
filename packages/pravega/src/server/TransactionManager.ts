import { randomUUID } from 'node:crypto';
import { StreamSealedError, TxnFailedError } from '../errors/index.ts';
import { type Args, name, optInt, str } from '../wire/index.ts';
import type { ControllerMetadata } from './ControllerMetadata.ts';
import type { OperationLog } from './OperationLog.ts';

/**
 * The controller's transactions (Pravega's StreamTransactionMetadataTasks, with its timeout service): begin, look
 * up, ping the lease, commit, abort, and abort those whose lease lapsed. States OPEN -> COMMITTING -> COMMITTED and
 * OPEN -> ABORTING -> ABORTED. The commit path is `commitTxn` here (checks, COMMITTING, the `txn.commit` record,
 * answered once durable), then `applyTxnCommit` (the merge of the shadow segments that record stands for).
 */
export class TransactionManager {
  constructor(
    private readonly metadata: ControllerMetadata,
    private readonly log: OperationLog,
  ) {}

  async beginTxn(a: Args): Promise<{ id: string; epoch: number; segments: unknown[] }> {
    const s = this.metadata.stream(name(a, 'scope'), name(a, 'stream'));
    if (s.sealed) throw new StreamSealedError(s.scope, s.name);
    const leaseMs = Math.max(optInt(a, 'leaseMs') ?? 120_000, 50);
    const id = randomUUID().replaceAll('-', '');
    const segments = s.activeWithRanges();
    const epoch = s.epoch;
    await this.log.record({ op: 'txn.create', id, scope: s.scope, stream: s.name, leaseMs });
    return { id, epoch, segments };
  }

  async getTxn(a: Args): Promise<unknown> {
    const t = this.metadata.txn(str(a, 'id'));
    const s = this.metadata.stream(t.scope, t.stream);
    const segments = [...t.shadows.keys()].map((id) => {
      const seg = s.segments.get(id)!;
      return { id, low: seg.range.low, high: seg.range.high };
    });
    return { id: t.id, scope: t.scope, stream: t.stream, epoch: t.epoch, state: t.state, leaseMs: t.leaseMs, segments };
  }

  async pingTxn(a: Args): Promise<{ state: string }> {
    const t = this.metadata.txn(str(a, 'id'));
    if (t.state === 'OPEN') t.deadline = Date.now() + (optInt(a, 'leaseMs') ?? t.leaseMs);
    return { state: t.state };
  }

  async txnStatus(a: Args): Promise<{ state: string }> {
    return { state: this.metadata.txn(str(a, 'id')).state };
  }

  async commitTxn(a: Args): Promise<{ state: string }> {
    const t = this.metadata.txn(str(a, 'id'));
    if (t.state === 'COMMITTED') return { state: t.state };
    if (t.state === 'COMMITTING') {
      await this.log.lastDurable;
      return { state: t.state };
    }
    if (t.state !== 'OPEN') throw new TxnFailedError(t.id, `cannot commit, it is ${t.state}`);
    const s = this.metadata.stream(t.scope, t.stream);
    if (s.sealed) throw new TxnFailedError(t.id, `cannot commit, stream '${s.scope}/${s.name}' is sealed`);
    // Appends to the shadows are journaled before this record, so the merge sees all of them.
    t.state = 'COMMITTING';
    await this.log.record({ op: 'txn.commit', id: t.id });
    return { state: t.state };
  }

  async abortTxn(a: Args): Promise<{ state: string }> {
    const t = this.metadata.txn(str(a, 'id'));
    if (t.state === 'ABORTED' || t.state === 'ABORTING') return { state: t.state };
    if (t.state !== 'OPEN') throw new TxnFailedError(t.id, `cannot abort, it is ${t.state}`);
    t.state = 'ABORTING';
    await this.log.record({ op: 'txn.abort', id: t.id });
    return { state: t.state };
  }

  /** After a replay: every lease starts afresh from now (leases are not journaled). */
  restartLeases(): void {
    const now = Date.now();
    for (const t of this.metadata.txns.values()) t.deadline = now + t.leaseMs;
  }

  /** Abort every OPEN transaction whose lease lapsed (run on a timer). */
  expireLeases(): void {
    const now = Date.now();
    for (const t of this.metadata.txns.values()) {
      if (t.state === 'OPEN' && t.deadline < now) {
        t.state = 'ABORTING';
        this.log.record({ op: 'txn.abort', id: t.id }).catch(() => {});
      }
    }
  }
}
