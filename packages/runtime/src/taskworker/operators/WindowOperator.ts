import {
  type Collector,
  cover,
  intersects,
  type Key,
  type KeySelector,
  maxTimestamp,
  type OutputTag,
  type ProcessWindowContext,
  type ProcessWindowFunction,
  type TimeWindow,
  type WindowAssigner,
} from '@dhara/core';
import type { WindowFunctionSpec } from '@dhara/core/internal';
import type { Timer } from '../../state/index.ts';
import { KeyedOperatorBase } from './KeyedOperatorBase.ts';
import type { OperatorContext } from './StreamOperator.ts';
import { type WindowContents, windowContents } from './windowContents.ts';
import { formatNamespace, parseNamespace, WindowNamespaces } from './windowNamespaces.ts';
import { KeyWindowState, type WindowState } from './windowState.ts';
import { WindowStateByWindow } from './windowStateByWindow.ts';

// Bound once: a call through the package's re-exports goes through a getter per level, on every element and timer.
const lastTimestampOf: typeof maxTimestamp = maxTimestamp;

export interface WindowSettings {
  readonly keySelector: KeySelector<unknown, Key>;
  readonly assigner: WindowAssigner;
  readonly allowedLatenessMs: number;
  readonly lateDataTag: string | undefined;
  readonly windowFunction: WindowFunctionSpec;
}

/**
 * Flink's WindowOperator with the default triggers: each element goes to the windows the assigner gives it (session
 * windows merge with the ones they touch); an event-time window fires when the watermark passes its last timestamp
 * (end - 1) and is kept for the allowed lateness, during which a late element updates it and fires it again; an
 * element too late for every window goes to the late-data side output, or is dropped and counted. Processing-time
 * windows fire when the task's clock reaches their last timestamp. A window's contents live in keyed state per key
 * and window; its timers in the keyed timer service.
 */
export class WindowOperator extends KeyedOperatorBase {
  /** Per key: the key's windows (by namespace) and their contents. */
  private readonly windows: WindowState;
  private readonly contents: WindowContents;
  private readonly namespaces = new WindowNamespaces();
  private readonly isEventTime: boolean;
  private readonly process: ProcessWindowFunction<unknown, unknown, Key> | undefined;
  private firingWindow: TimeWindow = { start: 0, end: 0 };
  private readonly out: Collector<unknown>;
  private readonly windowContext: ProcessWindowContext;

  constructor(
    context: OperatorContext,
    private readonly settings: WindowSettings,
  ) {
    super(context);
    const { time, output } = context;
    this.contents = windowContents(settings.windowFunction);
    this.windows = settings.assigner.isMerging
      ? new KeyWindowState(this.backend, 'window-contents', this.contents)
      : new WindowStateByWindow(this.backend, 'window-contents', this.contents);
    this.isEventTime = settings.assigner.isEventTime;
    this.process = settings.windowFunction.process;
    // Window results carry the window's last timestamp.
    this.out = { collect: (value) => output.emit(value, lastTimestampOf(this.firingWindow)) };
    const self = this;
    this.windowContext = {
      get window() {
        return self.firingWindow;
      },
      currentWatermark: () => self.timers.currentWatermark,
      currentProcessingTime: () => time.now(),
      output<X>(tag: OutputTag<X>, value: X) {
        output.emitSide(tag.id, value, lastTimestampOf(self.firingWindow));
      },
    };
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.backend.setCurrentKey(this.settings.keySelector(value));
    // Only processing-time assigners read the clock (a system call per record otherwise).
    const now = this.isEventTime ? Number.NaN : this.context.time.now();
    const assigned = this.settings.assigner.assignWindows(timestamp, now);
    const merging = this.settings.assigner.isMerging;
    const namespaces = merging ? undefined : this.namespaces.of(assigned);
    let skipped = true;
    for (let i = 0; i < assigned.length; i++) {
      const target = merging ? this.mergeInto(assigned[i]!) : assigned[i]!;
      if (this.isLate(target)) continue;
      skipped = false;
      const ns = namespaces === undefined ? formatNamespace(target) : namespaces[i]!;
      const isNew = this.windows.add(ns, value);
      // A window that already held contents has its timers set (they go with its state); a merged one needs them.
      this.scheduleOrFire(target, ns, isNew || merging);
    }
    if (skipped && this.isEventTime && timestamp !== undefined && this.isElementLate(timestamp)) {
      if (this.settings.lateDataTag !== undefined) {
        this.context.output.emitSide(this.settings.lateDataTag, value, timestamp);
      } else {
        this.context.metrics.lateRecordsDropped++;
      }
    }
  }

  protected override onEventTime(timer: Timer): void {
    this.onTimer(timer);
  }

  protected override onProcessingTime(timer: Timer): void {
    this.onTimer(timer);
  }

  /** Session windows: merges `window` with the key's windows it touches; their contents and timers move over. */
  private mergeInto(window: TimeWindow): TimeWindow {
    let merged = window;
    const absorbed: string[] = [];
    for (const ns of this.windows.namespaces()) {
      const existing = parseNamespace(ns);
      if (intersects(existing, window)) {
        merged = cover(merged, existing);
        absorbed.push(ns);
      }
    }
    // A merged window may touch further windows only through the new one; one pass over the touching set suffices
    // because the existing windows never touch each other (they would have merged).
    if (absorbed.length === 0 || (absorbed.length === 1 && absorbed[0] === formatNamespace(merged))) return merged;
    if (this.isLate(merged)) return merged;
    const target = formatNamespace(merged);
    let combined: unknown;
    for (const ns of absorbed.sort((a, b) => parseNamespace(a).start - parseNamespace(b).start)) {
      const contents = this.windows.get(ns);
      combined = combined === undefined ? contents : this.contents.merge(combined, contents);
      if (ns !== target) {
        this.windows.delete(ns);
        this.deleteTimers(parseNamespace(ns), ns);
      }
    }
    this.windows.set(target, combined);
    return merged;
  }

  /**
   * Fires the window at once if the watermark is already past it; registers its firing and cleanup timers if it is
   * new. (Registering them again for every element, as Flink's trigger does, would only find them set; and the
   * cleanup timer is the firing timer when there is no allowed lateness.)
   */
  private scheduleOrFire(window: TimeWindow, ns: string, isNew: boolean): void {
    const last = lastTimestampOf(window);
    if (this.isEventTime) {
      if (last <= this.timers.currentWatermark) this.fire(window, ns);
      else if (isNew) this.timers.registerEventTimeTimer(ns, last);
      const cleanup = this.cleanupTime(window);
      if (isNew && cleanup !== last) this.timers.registerEventTimeTimer(ns, cleanup);
    } else if (isNew) {
      this.timers.registerProcessingTimeTimer(ns, last);
    }
  }

  private deleteTimers(window: TimeWindow, ns: string): void {
    if (this.isEventTime) {
      this.timers.deleteEventTimeTimer(ns, lastTimestampOf(window));
      this.timers.deleteEventTimeTimer(ns, this.cleanupTime(window));
    } else {
      this.timers.deleteProcessingTimeTimer(ns, lastTimestampOf(window));
    }
  }

  private onTimer(timer: Timer): void {
    const ns = timer.namespace;
    const window = this.namespaces.windowOf(ns);
    if (timer.timestamp === lastTimestampOf(window)) this.fire(window, ns);
    if (timer.timestamp === this.cleanupTime(window)) this.windows.delete(ns);
  }

  private fire(window: TimeWindow, ns: string): void {
    const contents = this.windows.get(ns);
    if (contents === undefined) return;
    this.firingWindow = window;
    const elements = this.contents.elements(contents);
    if (this.process === undefined) {
      for (const element of elements) this.out.collect(element);
    } else {
      this.process.process(this.backend.currentKey, this.windowContext, elements, this.out);
    }
  }

  private cleanupTime(window: TimeWindow): number {
    return this.isEventTime ? lastTimestampOf(window) + this.settings.allowedLatenessMs : lastTimestampOf(window);
  }

  private isLate(window: TimeWindow): boolean {
    return this.isEventTime && this.cleanupTime(window) <= this.timers.currentWatermark;
  }

  private isElementLate(timestamp: number): boolean {
    return timestamp + this.settings.allowedLatenessMs <= this.timers.currentWatermark;
  }
}
