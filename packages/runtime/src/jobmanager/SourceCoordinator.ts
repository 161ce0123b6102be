import type { ReaderInfo, Source, SourceSplit, SplitEnumerator, SplitEnumeratorContext } from '@dhara/core';
import type { JobVertex } from '@dhara/core/internal';
import { decodeState, encodeState } from '../checkpoint/index.ts';
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
  /** Splits assigned since the last enumerator snapshot, and per pending checkpoint (Flink's SplitAssignmentTracker). */
  private uncheckpointed = new Map<number, SourceSplit[]>();
  private readonly byCheckpoint = new Map<number, Map<number, SourceSplit[]>>();
  private closed = false;
  private readonly timers = new Set<() => void>();
  /**
   * Subtasks whose checkpoint trigger has not been sent since the last enumerator snapshot: what the enumerator sends
   * them meanwhile is held back, so that a split is either in the enumerator's snapshot or in the reader's, never in
   * both (Flink's operator event valve).
   */
  private readonly valveClosed = new Set<number>();
  private readonly held = new Map<number, JobManagerToTask[]>();

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

  /**
   * The splits handed to a reader after checkpoint `checkpointId` was taken: what a regional failover of that reader
   * would give back through `addSplitsBack`. A global failover (the only kind here) restores the whole enumerator
   * from the checkpoint instead, whose state already holds these splits, so it must not add them back again.
   */
  splitsAssignedAfter(checkpointId: number, subtaskIndex: number): SourceSplit[] {
    const later = [...this.byCheckpoint].filter(([id]) => id > checkpointId).sort(([a], [b]) => a - b);
    return [...later.flatMap(([, m]) => m.get(subtaskIndex) ?? []), ...(this.uncheckpointed.get(subtaskIndex) ?? [])];
  }

  /** Creates the enumerator, from a checkpoint's encoded state when there is one, and starts it. */
  start(restoredState?: Uint8Array): void {
    this.guard(restoredState === undefined ? 'createEnumerator' : 'restoreEnumerator', () => {
      this.enumerator =
        restoredState === undefined
          ? this.source.createEnumerator(this.context())
          : this.source.restoreEnumerator(this.context(), this.decode(restoredState));
      this.enumerator.start();
    });
  }

  /** The enumerator's state for checkpoint `checkpointId`, encoded; closes the valve until the triggers are sent. */
  snapshot(checkpointId: number): Uint8Array {
    const enumerator = this.enumerator;
    if (enumerator === undefined) throw new Error(`source '${this.sourceName}' has no enumerator`);
    const state = enumerator.snapshotState(checkpointId);
    this.byCheckpoint.set(checkpointId, this.uncheckpointed);
    this.uncheckpointed = new Map();
    for (let i = 0; i < this.vertex.parallelism; i++) this.valveClosed.add(i);
    const serializer = this.source.enumeratorStateSerializer;
    return serializer === undefined
      ? encodeState(state)
      : encodeState([serializer.version, serializer.serialize(state)]);
  }

  /** The trigger went out to this subtask: what the enumerator sent it meanwhile may follow. */
  openValve(subtaskIndex: number): void {
    this.valveClosed.delete(subtaskIndex);
    const held = this.held.get(subtaskIndex) ?? [];
    this.held.delete(subtaskIndex);
    for (const message of held) this.sendToTask(subtaskIndex, message);
  }

  notifyCheckpointComplete(checkpointId: number): void {
    for (const id of [...this.byCheckpoint.keys()]) if (id <= checkpointId) this.byCheckpoint.delete(id);
    this.guard('notifyCheckpointComplete', () => this.enumerator?.notifyCheckpointComplete?.(checkpointId));
  }

  notifyCheckpointAborted(checkpointId: number): void {
    for (let i = 0; i < this.vertex.parallelism; i++) this.openValve(i);
    this.guard('notifyCheckpointAborted', () => this.enumerator?.notifyCheckpointAborted?.(checkpointId));
  }

  private decode(bytes: Uint8Array): unknown {
    const serializer = this.source.enumeratorStateSerializer;
    if (serializer === undefined) return decodeState(bytes);
    const [version, payload] = decodeState<[number, Uint8Array]>(bytes);
    return serializer.deserialize(version, payload);
  }

  private post(subtaskIndex: number, message: JobManagerToTask): void {
    if (this.valveClosed.has(subtaskIndex)) {
      this.held.set(subtaskIndex, [...(this.held.get(subtaskIndex) ?? []), message]);
      return;
    }
    this.sendToTask(subtaskIndex, message);
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
      const tracked = this.uncheckpointed.get(subtaskIndex) ?? [];
      tracked.push(...splits);
      this.uncheckpointed.set(subtaskIndex, tracked);
      this.post(subtaskIndex, { type: 'addSplits', splits });
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
      signalNoMoreSplits: (subtaskIndex) => this.post(subtaskIndex, { type: 'noMoreSplits' }),
      sendEventToSourceReader: (subtaskIndex, event) => this.post(subtaskIndex, { type: 'sourceEvent', event }),
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
