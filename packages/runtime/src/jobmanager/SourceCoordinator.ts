import type { JobVertex, ReaderInfo, Source, SourceSplit, SplitEnumerator, SplitEnumeratorContext } from '@dhara/core';
import type { Mailbox } from '../mailbox/index.ts';
import type { JobManagerToTask } from '../protocol/index.ts';
import { SourceCoordinatorError } from './jobErrors.ts';

/**
 * Holds one source's split enumerator in the job manager and runs it on the job manager's mailbox: reader
 * registrations, split requests and source events from the tasks arrive as mail, and every enumerator call is
 * guarded so that an exception fails the job with the source's name. It also remembers which splits went to which
 * reader, for the checkpointing issue to hand them back after a failure.
 */
export class SourceCoordinator {
  private enumerator: SplitEnumerator<SourceSplit, unknown> | undefined;
  private readonly readers = new Map<number, ReaderInfo>();
  private readonly assigned = new Map<number, SourceSplit[]>();
  private closed = false;
  private readonly timers = new Set<() => void>();

  constructor(
    private readonly vertex: JobVertex,
    private readonly source: Source<unknown, SourceSplit, unknown>,
    private readonly mailbox: Mailbox,
    private readonly sendToTask: (subtaskIndex: number, message: JobManagerToTask) => void,
    private readonly failJob: (error: SourceCoordinatorError) => void,
  ) {}

  get sourceName(): string {
    return this.vertex.nodes[0]!.name;
  }

  /** Splits handed to each reader so far. */
  assignments(): ReadonlyMap<number, readonly SourceSplit[]> {
    return this.assigned;
  }

  start(): void {
    this.guard('createEnumerator', () => {
      this.enumerator = this.source.createEnumerator(this.context());
      this.enumerator.start();
    });
  }

  registerReader(subtaskIndex: number, location: string): void {
    this.readers.set(subtaskIndex, { subtaskIndex, location });
    this.guard('addReader', () => this.enumerator?.addReader(subtaskIndex));
  }

  handleSplitRequest(subtaskIndex: number): void {
    this.guard('handleSplitRequest', () => this.enumerator?.handleSplitRequest(subtaskIndex));
  }

  handleSourceEvent(subtaskIndex: number, event: unknown): void {
    this.guard('handleSourceEvent', () => this.enumerator?.handleSourceEvent?.(subtaskIndex, event));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    const enumerator = this.enumerator;
    if (enumerator?.close !== undefined) {
      this.mailbox.whenDone(
        Promise.resolve().then(() => enumerator.close?.()),
        () => {},
        `close enumerator of ${this.sourceName}`,
      );
    }
  }

  /** Runs `action` as mail after `delayMs`, until the coordinator closes. */
  private after(delayMs: number, action: () => void): void {
    const cancel = this.mailbox.schedule(
      delayMs,
      () => {
        this.timers.delete(cancel);
        action();
      },
      `timer of ${this.sourceName}`,
    );
    this.timers.add(cancel);
  }

  private guard(what: string, action: () => void): void {
    if (this.closed) return;
    try {
      action();
    } catch (error) {
      this.failJob(
        error instanceof SourceCoordinatorError
          ? error
          : new SourceCoordinatorError(this.sourceName, `the split enumerator's ${what} threw`, error),
      );
    }
  }

  private context(): SplitEnumeratorContext<SourceSplit> {
    const assign = (split: SourceSplit, subtaskIndex: number, batch: SourceSplit[]): void => {
      if (!this.readers.has(subtaskIndex)) {
        throw new SourceCoordinatorError(
          this.sourceName,
          `split '${split.splitId}' was assigned to reader ${subtaskIndex}, which has not registered`,
        );
      }
      batch.push(split);
    };
    const deliver = (subtaskIndex: number, splits: SourceSplit[]): void => {
      if (splits.length === 0) return;
      const held = this.assigned.get(subtaskIndex) ?? [];
      held.push(...splits);
      this.assigned.set(subtaskIndex, held);
      this.sendToTask(subtaskIndex, { type: 'addSplits', splits });
    };
    return {
      currentParallelism: () => this.vertex.parallelism,
      registeredReaders: () => this.readers,
      assignSplits: (assignment) => {
        for (const [subtaskIndex, splits] of assignment) {
          const batch: SourceSplit[] = [];
          for (const split of splits) assign(split, subtaskIndex, batch);
          deliver(subtaskIndex, batch);
        }
      },
      assignSplit: (split, subtaskIndex) => {
        const batch: SourceSplit[] = [];
        assign(split, subtaskIndex, batch);
        deliver(subtaskIndex, batch);
      },
      signalNoMoreSplits: (subtaskIndex) => this.sendToTask(subtaskIndex, { type: 'noMoreSplits' }),
      sendEventToSourceReader: (subtaskIndex, event) => this.sendToTask(subtaskIndex, { type: 'sourceEvent', event }),
      callAsync: (work, handler, initialDelayMs = 0, periodMs) => {
        const runOnce = (): void => {
          if (this.closed) return;
          // The work runs off the mailbox (as a promise job, its I/O on libuv); its result comes back as mail.
          this.mailbox.whenDone(
            Promise.resolve().then(work),
            (result, error) => this.guard('callAsync handler', () => handler(result, error)),
            `callAsync result for ${this.sourceName}`,
          );
          if (periodMs !== undefined && periodMs > 0) this.after(periodMs, runOnce);
        };
        if (initialDelayMs > 0) {
          this.after(initialDelayMs, runOnce);
        } else {
          this.mailbox.send(runOnce, `callAsync of ${this.sourceName}`);
        }
      },
      runInCoordinatorThread: (action) =>
        this.mailbox.send(() => this.guard('runInCoordinatorThread action', action), `run in ${this.sourceName}`),
    };
  }
}
