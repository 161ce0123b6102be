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
  /** The transactions' lease. */
  readonly leaseMs: number;
  /**
   * What the runtime checks checkpoint interval + timeout against at submit: the lease minus the recovery allowance,
   * so that the job is refused unless lease > interval + timeout + recovery allowance.
   */
  readonly transactionTimeoutMs: number;
  private readonly options: ResolvedSinkOptions<T>;

  constructor(options: PravegaSinkOptions<T>) {
    this.options = resolveSinkOptions({ ...options, semantic: 'exactly-once' });
    this.leaseMs = this.options.transactionTimeoutMs;
    this.transactionTimeoutMs = this.leaseMs - this.options.recoveryAllowanceMs;
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

function eventWriter<T>(o: ResolvedSinkOptions<T>, client: PravegaClient, context: SinkInitContext) {
  return client.createEventWriter(o.scope, o.stream, o.serializer, {
    writerId: `dhara-${context.operatorUid}-${context.subtaskIndex}-${context.attemptNumber}-${randomUUID()}`,
  });
}

/**
 * At-least-once: a plain event writer whose `flush` on every checkpoint makes the writes before the barrier durable;
 * the checkpoint is acknowledged only after that flush (which is why this is a committing sink with nothing to
 * commit: the runtime waits for a committing writer's flush before the acknowledgement).
 */
export class PravegaEventSink<T> implements TwoPhaseCommittingSink<T, never> {
  declare readonly __elementType?: T;
  private readonly options: ResolvedSinkOptions<T>;

  constructor(options: PravegaSinkOptions<T>) {
    this.options = resolveSinkOptions({ ...options, semantic: 'at-least-once' });
  }

  async createWriter(context: CommittingSinkInitContext<never>): Promise<CommittingSinkWriter<T, never>> {
    const client = await openClient(this.options.controller);
    return new EventSinkWriter(client, eventWriter(this.options, client, context), this.options.routingKeyOf, true);
  }

  createCommitter(_context: SinkInitContext): Committer<never> {
    return { commit: async () => {} };
  }
}

/** Best effort (`none`): a plain event writer, flushed only at the end of input; a failure may lose events. */
export class PravegaBestEffortSink<T> implements Sink<T> {
  declare readonly __elementType?: T;
  private readonly options: ResolvedSinkOptions<T>;

  constructor(options: PravegaSinkOptions<T>) {
    this.options = resolveSinkOptions({ ...options, semantic: 'none' });
  }

  async createWriter(context: SinkInitContext): Promise<SinkWriter<T>> {
    const client = await openClient(this.options.controller);
    return new EventSinkWriter(client, eventWriter(this.options, client, context), this.options.routingKeyOf, false);
  }
}

/** Any of the three. */
export type AnyPravegaSink<T> = PravegaTransactionalSink<T> | PravegaEventSink<T> | PravegaBestEffortSink<T>;

/**
 * Entry points: `PravegaSink.exactlyOnce(o)`, `PravegaSink.atLeastOnce(o)`, `PravegaSink.bestEffort(o)`, or
 * `PravegaSink.of(o)` by `o.semantic` (default at-least-once, as upstream).
 */
export const PravegaSink = {
  exactlyOnce<T>(options: PravegaSinkOptions<T>): PravegaTransactionalSink<T> {
    return new PravegaTransactionalSink(options);
  },
  atLeastOnce<T>(options: PravegaSinkOptions<T>): PravegaEventSink<T> {
    return new PravegaEventSink(options);
  },
  bestEffort<T>(options: PravegaSinkOptions<T>): PravegaBestEffortSink<T> {
    return new PravegaBestEffortSink(options);
  },
  of<T>(options: PravegaSinkOptions<T>): AnyPravegaSink<T> {
    const semantic = resolveSinkOptions(options).semantic;
    if (semantic === 'exactly-once') return new PravegaTransactionalSink(options);
    return semantic === 'at-least-once' ? new PravegaEventSink(options) : new PravegaBestEffortSink(options);
  },
};
