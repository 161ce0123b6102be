import type { CommitRequest, Committer } from '@dhara/core';
import type { PravegaClient, TransactionalEventWriter } from '@dhara/pravega';
import { TransactionIncompleteError, TransactionLostError } from '../errors/index.ts';
import { liveTransactions } from './liveTransactions.ts';
import type { PravegaCommittable } from './PravegaCommittable.ts';

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** How many of `writerId`'s events are durable in the open transaction `txnId` (all its shadow segments). */
async function durableEvents(client: PravegaClient, c: PravegaCommittable): Promise<number> {
  const info = await client.connection.call<{ scope: string; stream: string; segments: { id: number }[] }>('getTxn', {
    id: c.txnId,
  });
  let found = 0;
  for (const segment of info.segments) {
    const r = await client.connection.call<{ lastEventNumber: number }>('getWriterState', {
      scope: info.scope,
      stream: info.stream,
      segment: segment.id,
      txn: c.txnId,
      writer: c.writerId,
    });
    found += r.lastEventNumber + 1;
  }
  return found;
}

/**
 * Commits pre-committed transactions: resumes each by id, commits it if OPEN (after checking it holds every event
 * its writer handed over), takes COMMITTING/COMMITTED as done, and fails the job — never silently drops — when the
 * transaction is ABORTING/ABORTED or unknown.
 */
export class PravegaCommitter implements Committer<PravegaCommittable> {
  constructor(
    private readonly client: Promise<PravegaClient>,
    private readonly writer: Promise<TransactionalEventWriter<unknown>>,
  ) {}

  async commit(requests: readonly CommitRequest<PravegaCommittable>[]): Promise<void> {
    for (const request of requests) {
      try {
        const done = await this.commitOne(request.committable, request.checkpointId);
        if (done === 'already') request.signalAlreadyCommitted();
      } catch (error) {
        request.signalFailedWithUnknownReason(error);
      }
    }
  }

  private async commitOne(c: PravegaCommittable, checkpointId: number): Promise<'committed' | 'already'> {
    const live = liveTransactions.get(c.txnId);
    if (live !== undefined) {
      await live.txn.flush().catch(() => {});
      const failure = live.failure();
      if (failure !== undefined) {
        throw new TransactionLostError(c.txnId, checkpointId, `a write into it failed`, failure);
      }
    }
    const writer = await this.writer;
    let txn: Awaited<ReturnType<TransactionalEventWriter<unknown>['getTxn']>>;
    try {
      txn = live?.txn ?? (await writer.getTxn(c.txnId));
    } catch (error) {
      if (codeOf(error) === 'TXN_NOT_FOUND') throw new TransactionLostError(c.txnId, checkpointId, 'not found', error);
      throw error;
    }
    const status = await txn.checkStatus();
    if (status === 'COMMITTING' || status === 'COMMITTED') {
      liveTransactions.delete(c.txnId);
      return 'already';
    }
    if (status !== 'OPEN') throw new TransactionLostError(c.txnId, checkpointId, `it is ${status}`);
    if (live === undefined) {
      const found = await durableEvents(await this.client, c);
      if (found < c.events) throw new TransactionIncompleteError(c.txnId, c.events, found);
    }
    await txn.commit();
    liveTransactions.delete(c.txnId);
    return 'committed';
  }

  async close(): Promise<void> {
    await (await this.writer.catch(() => undefined))?.close();
  }
}
