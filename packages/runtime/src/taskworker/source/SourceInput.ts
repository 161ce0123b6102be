import { InputStatus, type ReaderOutput, type SourceReader, type WatermarkStrategy } from '@dhara/core';
import type { StreamNode } from '@dhara/core/internal';
import { attributeTo } from '../../errors/index.ts';
import type { TaskMetrics } from '../../metrics/index.ts';
import type { ProcessingTimeService } from '../../state/index.ts';
import type { StepResult, WakeSignal } from '../input/index.ts';
import type { Output } from '../operators/index.ts';
import { SplitWatermarks } from '../watermarks/index.ts';
import type { ExternallyInducedCheckpoints } from './ExternallyInducedCheckpoints.ts';

/**
 * The reading side of a SourceOperator, a step at a time. Polls the source reader; when it has nothing, waits on its availability promise instead of spinning. Records get
 * their event timestamps and watermarks per split (SplitWatermarks); at the end of input the maximum watermark goes
 * out, so every window and timer downstream fires. With watermark alignment, a reader whose watermark is ahead of
 * what the coordinator allows stops polling until the allowance moves. An externally induced reader stops polling
 * while it waits at a checkpoint's position for that checkpoint's trigger.
 */
export class SourceInput {
  private waiting = false;
  /** Stop with savepoint: nothing is read after the savepoint's barrier. */
  private stopping = false;
  /** The highest watermark this reader may reach (watermark alignment); no limit without alignment. */
  maxAllowedWatermark = Number.POSITIVE_INFINITY;
  private readonly output: ReaderOutput<unknown>;
  readonly watermarks: SplitWatermarks;

  constructor(
    private readonly reader: SourceReader<unknown, any>,
    private readonly node: StreamNode,
    strategy: WatermarkStrategy<unknown>,
    sourceOutput: Output,
    private readonly signal: WakeSignal,
    metrics: TaskMetrics,
    time: ProcessingTimeService,
    autoWatermarkIntervalMs: number,
    countRecord: () => void,
    /** The externally induced checkpoint handshake, for a reader that has one. */
    private readonly induced: ExternallyInducedCheckpoints | undefined,
  ) {
    this.watermarks = new SplitWatermarks(strategy, sourceOutput, time, autoWatermarkIntervalMs, metrics);
    this.output = this.watermarks.readerOutput(() => {
      metrics.recordsIn++;
      countRecord();
    });
  }

  start(): void {
    this.watermarks.start();
  }

  /** Waiting for watermark alignment: ahead of the allowance, and not idle (an idle reader holds nobody back). */
  get aheadOfAlignment(): boolean {
    return this.watermarks.currentWatermark > this.maxAllowedWatermark;
  }

  /** Stop with savepoint: read nothing after the savepoint's barrier (no draining, no final watermark). */
  stopWithoutDraining(): void {
    this.stopping = true;
    // No watermark after the barrier either: downstream windows must not fire past the savepoint.
    this.watermarks.stop();
    this.signal.notify();
  }

  step(): StepResult {
    // Stopped after a savepoint's barrier: read nothing more; the task ends once the savepoint completed.
    if (this.stopping) return 'idle';
    const { induced } = this;
    if (this.waiting || induced?.holdsReader === true || this.aheadOfAlignment) return 'idle';
    const status = attributeTo(this.node.name, this.node.uid, () => this.reader.pollNext(this.output));
    if (induced !== undefined) {
      // Did the reader reach a checkpoint's position? Then it stops right here until that checkpoint is triggered.
      induced.checkReaderPosition();
      if (induced.holdsReader) return 'progress';
    }
    if (status === InputStatus.MORE_AVAILABLE) return 'progress';
    if (status === InputStatus.END_OF_INPUT) {
      this.watermarks.endOfInput();
      return 'ended';
    }
    this.waiting = true;
    this.reader.isAvailable().then(
      () => {
        this.waiting = false;
        this.signal.notify();
      },
      () => {
        // A failing availability promise is a reader bug; polling again surfaces the reader's own error.
        this.waiting = false;
        this.signal.notify();
      },
    );
    return 'idle';
  }

  stop(): void {
    this.watermarks.stop();
  }
}
