import type { SourceReader } from '@dhara/core';
import { isExternallyInducedReader, type OperatorSpec, type StreamNode } from '@dhara/core/internal';
import { type OperatorSnapshot, SOURCE_SPLITS_STATE } from '../../checkpoint/index.ts';
import { attributeTo, attributeToAsync } from '../../errors/index.ts';
import type { FaultInjector } from '../../faults/index.ts';
import type { TaskMetrics } from '../../metrics/index.ts';
import type { CheckpointBarrier } from '../../network/index.ts';
import type { JobManagerToTask, TaskToJobManager } from '../../protocol/index.ts';
import type { ProcessingTimeService } from '../../state/index.ts';
import type { CheckpointedSource, TaskCheckpointer } from '../checkpointing/index.ts';
import type { StepResult, TaskInput, WakeSignal } from '../input/index.ts';
import type { Output } from '../operators/index.ts';
import { ExternallyInducedCheckpoints, type InducedCheckpointTarget } from './ExternallyInducedCheckpoints.ts';
import { SourceInput } from './SourceInput.ts';
import { reportWatermarksForAlignment } from './watermarkAlignment.ts';

export type SourceSpec = Extract<OperatorSpec, { kind: 'source' }>;

/** What the source coordinator tells a source task's reader (Flink's operator events to a SourceOperator). */
export type SourceOperatorEvent = Extract<
  JobManagerToTask,
  { type: 'addSplits' | 'noMoreSplits' | 'sourceEvent' | 'alignWatermark' }
>;

export interface SourceOperatorContext {
  /** The source node, head of its task's chain. */
  readonly node: StreamNode;
  readonly spec: SourceSpec;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  /** Periodic checkpoints are on (the reader may count on them). */
  readonly checkpointingEnabled: boolean;
  /** What the source stored in the checkpoint the task starts from, if any: its reader's splits. */
  readonly restored: OperatorSnapshot | undefined;
  /** The chain's entry for the source's records and watermarks. */
  readonly output: Output;
  readonly signal: WakeSignal;
  readonly metrics: TaskMetrics;
  readonly time: ProcessingTimeService;
  readonly autoWatermarkIntervalMs: number;
  readonly faults: FaultInjector;
  readonly checkpointer: TaskCheckpointer;
  readonly send: (message: TaskToJobManager) => void;
}

/**
 * The life of a source task's reader (Flink's SourceOperator): creates it, gives it its restored splits, starts it
 * (once the task has registered with the source coordinator), passes it the coordinator's events, injects the
 * checkpoint barriers it is triggered for (where an externally induced reader says: ExternallyInducedCheckpoints),
 * snapshots its splits, tells it of completed checkpoints, and closes it. It is the task's input (SourceInput polls
 * the reader). Every call into the reader names the source in its errors.
 */
export class SourceOperator implements TaskInput, CheckpointedSource, InducedCheckpointTarget {
  readonly uid: string;
  private readonly reader: SourceReader<unknown, any>;
  /** The externally induced checkpoint handshake, for a reader that has one. */
  private readonly induced: ExternallyInducedCheckpoints | undefined;
  private readonly input: SourceInput;
  /** The end of data went downstream: the reader has no position left to wait for. */
  private finished = false;
  private closed = false;

  constructor(private readonly context: SourceOperatorContext) {
    const { node, spec, faults } = context;
    this.uid = node.uid;
    const reader = this.atReader(() =>
      spec.source.createReader({
        subtaskIndex: context.subtaskIndex,
        parallelism: context.parallelism,
        attemptNumber: context.attemptNumber,
        checkpointingEnabled: context.checkpointingEnabled,
        sendSplitRequest: () => context.send({ type: 'splitRequest' }),
        sendSourceEventToCoordinator: (event) => context.send({ type: 'sourceEvent', event }),
      }),
    );
    this.reader = reader;
    // Restored splits first, then registration, then start (as Flink's SourceOperator).
    const restoredSplits = context.restored?.listState?.[SOURCE_SPLITS_STATE];
    if (restoredSplits !== undefined && restoredSplits.length > 0) {
      this.atReader(() => reader.addSplits(restoredSplits as never[]));
    }
    this.induced = isExternallyInducedReader(reader) ? new ExternallyInducedCheckpoints(reader, node, this) : undefined;
    const countsRecords = faults.countsRecords(node.uid);
    this.input = new SourceInput(
      reader,
      node,
      spec.watermarkStrategy,
      context.output,
      context.signal,
      context.metrics,
      context.time,
      context.autoWatermarkIntervalMs,
      countsRecords ? () => faults.onRecord(node.uid) : () => {},
      this.induced,
    );
  }

  /** Starts the reader: once the task has registered, so that the reader's first split request finds it registered. */
  start(): void {
    this.atReader(() => this.reader.start());
    this.input.start();
    const { alignment } = this.context.spec.watermarkStrategy;
    if (alignment !== undefined) {
      reportWatermarksForAlignment(alignment, this.input.watermarks, this.context.time, this.context.send);
    }
  }

  step(): StepResult {
    return this.input.step();
  }

  stop(): void {
    this.input.stop();
  }

  handleOperatorEvent(event: SourceOperatorEvent): void {
    switch (event.type) {
      case 'addSplits':
        this.atReader(() => this.reader.addSplits(event.splits as never[]));
        return;
      case 'noMoreSplits':
        this.atReader(() => this.reader.notifyNoMoreSplits());
        return;
      case 'sourceEvent':
        this.atReader(() => this.reader.handleSourceEvent?.(event.event));
        return;
      case 'alignWatermark':
        this.input.maxAllowedWatermark = event.maxAllowed;
        return;
    }
  }

  /**
   * The coordinator triggered checkpoint `barrier` at this source: its barrier goes out now, or, for an externally
   * induced reader, where the reader says. `stopAfter` (stop with savepoint): nothing is read after that barrier.
   */
  triggerCheckpointBarrier(barrier: CheckpointBarrier, stopAfter: boolean): void {
    const { induced } = this;
    // A reader at its end has no position left to wait for: the barrier goes now.
    if (induced === undefined || this.finished) this.performCheckpoint(barrier);
    else induced.triggerArrived(barrier);
    if (!stopAfter) return;
    if (induced === undefined) this.input.stopWithoutDraining();
    else induced.stopWithSavepoint(barrier.checkpointId);
  }

  /** The barrier goes out now, at the reader's current position. */
  performCheckpoint(barrier: CheckpointBarrier): void {
    this.context.checkpointer.performCheckpointAtSource(barrier, this);
  }

  /** Stop with savepoint: nothing is read after the barrier that just went out (no draining, no final watermark). */
  stopWithoutDraining(): void {
    this.input.stopWithoutDraining();
  }

  /** The reader's splits with their positions, as the source's operator state. */
  snapshotState(checkpointId: number): OperatorSnapshot {
    const splits = this.atReader(() => this.reader.snapshotState(checkpointId));
    return { listState: { [SOURCE_SPLITS_STATE]: splits } };
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.induced?.notifyCheckpointComplete(checkpointId);
    this.atReader(() => this.reader.notifyCheckpointComplete?.(checkpointId));
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.induced?.notifyCheckpointAborted(checkpointId);
  }

  /** The input ended and the end of data went downstream (Flink's finish): a checkpoint trigger now goes at once. */
  finish(): void {
    this.finished = true;
  }

  /** The task finished normally: the reader closes, and its errors fail the task. */
  async close(): Promise<void> {
    this.closed = true;
    const { node } = this.context;
    await attributeToAsync(node.name, node.uid, () => this.reader.close?.());
  }

  /** Cancelled or failed: the reader's resources (open files, sockets) go now, not at garbage collection. */
  dispose(): void {
    if (this.closed || this.reader.close === undefined) return;
    this.closed = true;
    Promise.resolve()
      .then(() => this.reader.close?.())
      .catch(() => {});
  }

  private atReader<T>(action: () => T): T {
    const { node } = this.context;
    return attributeTo(node.name, node.uid, action);
  }
}
