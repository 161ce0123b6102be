import { randomUUID } from 'node:crypto';
import type {
  Committer,
  CommittingSinkInitContext,
  CommittingSinkWriter,
  Sink,
  SinkInitContext,
  SinkWriter,
  TwoPhaseCommittingSink,
} from '@dhara/core';
import type { PravegaClient, TransactionalEventWriter } from '@dhara/pravega';
import { openClient } from '../client/index.ts';
import { EventSinkWriter } from './EventSinkWriter.ts';
import { type PravegaSinkOptions, type ResolvedSinkOptions, resolveSinkOptions } from './options.ts';
import type { PravegaCommittable, PravegaWriterState } from './PravegaCommittable.ts';
import { PravegaCommitter } from './PravegaCommitter.ts';
import { TransactionalSinkWriter } from './TransactionalSinkWriter.ts';

/** Exactly-once: one transaction per subtask per checkpoint, committed when the checkpoint completes. */
export class PravegaTransactionalSink<T> implements TwoPhaseCommittingSink<T, PravegaCommittable, PravegaWriterState> {
  declare readonly __elementType?: T;
  readonly transactionTimeoutMs: number;
  private readonly options: ResolvedSinkOptions<T>;

  constructor(options: PravegaSinkOptions<T>) {
    this.options = resolveSinkOptions({ ...options, semantic: 'exactly-once' });
    this.transactionTimeoutMs = this.options.transactionTimeoutMs;
  }

  private transactionalWriter(client: PravegaClient, writerId?: string): TransactionalEventWriter<T> {
    const o = this.options;
    return client.createTransactionalWriter(o.scope, o.stream, o.serializer, {
      transactionTimeoutMs: o.transactionTimeoutMs,
      ...(writerId === undefined ? {} : { writerId }),
    });
  }

  async createWriter(
    context: CommittingSinkInitContext<PravegaWriterState>,
  ): Promise<CommittingSinkWriter<T, PravegaCommittable, PravegaWriterState>> {
    const client = await openClient(this.options.controller);
    // Transactions that were open (not handed over) at the restored checkpoint: abort them.
    if (context.restoredWriterState.length > 0) {
      const resumer = this.transactionalWriter(client);
      for (const { txnId } of context.restoredWriterState) {
        try {
          const txn = await resumer.getTxn(txnId);
          if ((await txn.checkStatus()) === 'OPEN') await txn.abort();
        } catch {
          // Already gone (lease lapsed or aborted): nothing to do.
        }
      }
      await resumer.close();
    }
    const writerId = `dhara-${context.operatorUid}-${context.subtaskIndex}-${context.attemptNumber}-${randomUUID()}`;
    const writer = this.transactionalWriter(client, writerId);
    const first = await writer.beginTxn();
    const inner = new TransactionalSinkWriter(
      writer,
      writerId,
      context.operatorUid,
      this.options.routingKeyOf,
      Promise.resolve(first),
    );
    return {
      write: (e, c) => inner.write(e, c),
      flush: (end) => inner.flush(end),
      prepareCommit: () => inner.prepareCommit(),
      snapshotState: () => inner.snapshotState(),
      close: async () => {
        await inner.close();
        await client.close();
      },
    };
  }

  createCommitter(_context: SinkInitContext): Committer<PravegaCommittable> {
    const client = openClient(this.options.controller);
    client.catch(() => {});
    const writer = client.then((c) => this.transactionalWriter(c) as TransactionalEventWriter<unknown>);
    writer.catch(() => {});
    const committer = new PravegaCommitter(client, writer);
    return {
      commit: (requests) => committer.commit(requests),
      close: async () => {
        await committer.close();
        await (await client.catch(() => undefined))?.close();
      },
    };
  }
}

/** At-least-once or best-effort: a plain event writer, flushed (and checked) on every checkpoint. */
export class PravegaEventSink<T> implements Sink<T> {
  declare readonly __elementType?: T;
  private readonly options: ResolvedSinkOptions<T>;

  constructor(options: PravegaSinkOptions<T>) {
    this.options = resolveSinkOptions(options);
  }

  async createWriter(context: SinkInitContext): Promise<SinkWriter<T>> {
    const o = this.options;
    const client = await openClient(o.controller);
    const writer = client.createEventWriter(o.scope, o.stream, o.serializer, {
      writerId: `dhara-${context.operatorUid}-${context.subtaskIndex}-${context.attemptNumber}-${randomUUID()}`,
    });
    return new EventSinkWriter(client, writer, o.routingKeyOf, o.semantic === 'at-least-once');
  }
}

/** Entry points: `PravegaSink.exactlyOnce(o)`, `PravegaSink.atLeastOnce(o)`, or `PravegaSink.of(o)` by `o.semantic`. */
export const PravegaSink = {
  exactlyOnce<T>(options: PravegaSinkOptions<T>): PravegaTransactionalSink<T> {
    return new PravegaTransactionalSink(options);
  },
  atLeastOnce<T>(options: PravegaSinkOptions<T>): PravegaEventSink<T> {
    return new PravegaEventSink({ ...options, semantic: 'at-least-once' });
  },
  of<T>(options: PravegaSinkOptions<T>): PravegaTransactionalSink<T> | PravegaEventSink<T> {
    const semantic = resolveSinkOptions(options).semantic;
    return semantic === 'exactly-once' ? new PravegaTransactionalSink(options) : new PravegaEventSink(options);
  },
};
