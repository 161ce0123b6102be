import type { Key } from '@dhara/core';
import type { KeyGroupSnapshot, OperatorSnapshot } from '../../checkpoint/index.ts';
import { InternalTimerService, KeyedStateBackend, type Timer } from '../../state/index.ts';
import { BaseOperator, type OperatorContext } from './StreamOperator.ts';

/**
 * The state side of keyed operators: a keyed state backend and a timer service, restored from the checkpoint the
 * task starts from and snapshotted per key group.
 */
export abstract class KeyedOperatorBase extends BaseOperator {
  protected readonly backend: KeyedStateBackend;
  protected readonly timers: InternalTimerService;

  constructor(context: OperatorContext) {
    super(context);
    const { runtime, time } = context;
    this.backend = new KeyedStateBackend(context.keyGroupRange, runtime.maxParallelism, () => time.now());
    this.timers = new InternalTimerService(
      this.backend,
      time,
      (timer) => this.onEventTime(timer),
      (timer) => this.onProcessingTime(timer),
    );
    const groups = context.restored?.keyGroups;
    if (groups !== undefined) {
      const entries = Object.entries(groups).map(([g, s]) => [Number(g), s] as [number, KeyGroupSnapshot]);
      this.backend.restoreTables(entries.map(([g, s]) => [g, s.tables]));
      this.timers.restore(
        entries.flatMap(([, s]) => s.eventTimers),
        entries.flatMap(([, s]) => s.processingTimers),
      );
    }
  }

  protected onEventTime(_timer: Timer): void {}

  protected onProcessingTime(_timer: Timer): void {}

  override processWatermark(watermark: number): void {
    this.timers.advanceWatermark(watermark);
    this.context.output.emitWatermark(watermark);
  }

  override snapshotState(checkpointId: number): OperatorSnapshot | undefined {
    const keyGroups: Record<number, KeyGroupSnapshot> = {};
    const empty = (): KeyGroupSnapshot => ({ tables: {}, eventTimers: [], processingTimers: [] });
    for (const [group, tables] of this.backend.snapshotTables()) keyGroups[group] = { ...empty(), tables };
    for (const [group, timers] of this.timers.snapshot())
      keyGroups[group] = { ...(keyGroups[group] ?? empty()), ...timers };
    return { ...super.snapshotState(checkpointId), keyGroups };
  }

  /** End of input: pending processing-time timers fire now, as event-time ones do on the final watermark. */
  override endInput(): void | Promise<void> {
    this.timers.fireAllProcessingTimers();
  }

  override close(): void | Promise<void> {
    this.timers.dispose();
  }

  protected setCurrentKey(key: Key): void {
    this.backend.setCurrentKey(key);
  }
}
