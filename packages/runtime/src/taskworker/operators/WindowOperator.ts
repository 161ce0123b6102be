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
  type WindowFunctionSpec,
} from '@dhara/core';
import type { StateTable, Timer } from '../../state/index.ts';
import { KeyedOperatorBase } from './KeyedOperatorBase.ts';
import type { OperatorContext } from './StreamOperator.ts';
import { type WindowContents, windowContents } from './windowContents.ts';

export interface WindowSettings {
  readonly keySelector: KeySelector<unknown, Key>;
  readonly assigner: WindowAssigner;
  readonly allowedLatenessMs: number;
  readonly lateDataTag: string | undefined;
  readonly windowFunction: WindowFunctionSpec;
}

const namespaceOf = (w: TimeWindow): string => `${w.start}:${w.end}`;

function windowOf(namespace: string): TimeWindow {
  const colon = namespace.indexOf(':');
  return { start: Number(namespace.slice(0, colon)), end: Number(namespace.slice(colon + 1)) };
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
  private readonly windows: StateTable<Map<string, unknown>>;
  private readonly contents: WindowContents;
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
    this.windows = this.backend.table('window-contents');
    this.contents = windowContents(settings.windowFunction);
    this.isEventTime = settings.assigner.isEventTime;
    this.process = settings.windowFunction.process;
    // Window results carry the window's last timestamp.
    this.out = { collect: (value) => output.emit(value, maxTimestamp(this.firingWindow)) };
    const self = this;
    this.windowContext = {
      get window() {
        return self.firingWindow;
      },
      currentWatermark: () => self.timers.currentWatermark,
      currentProcessingTime: () => time.now(),
      output<X>(tag: OutputTag<X>, value: X) {
        output.emitSide(tag.id, value, maxTimestamp(self.firingWindow));
      },
    };
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.backend.setCurrentKey(this.settings.keySelector(value));
    const assigned = this.settings.assigner.assignWindows(timestamp, this.context.time.now());
    let skipped = true;
    for (const window of assigned) {
      const target = this.settings.assigner.isMerging ? this.mergeInto(window) : window;
      if (this.isLate(target)) continue;
      skipped = false;
      const ns = namespaceOf(target);
      const state = this.keyWindows(true)!;
      state.set(ns, this.contents.add(state.get(ns), value));
      this.scheduleOrFire(target);
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
    const state = this.keyWindows(false);
    if (state === undefined) return window;
    let merged = window;
    const absorbed: string[] = [];
    for (const ns of state.keys()) {
      const existing = windowOf(ns);
      if (intersects(existing, window)) {
        merged = cover(merged, existing);
        absorbed.push(ns);
      }
    }
    // A merged window may touch further windows only through the new one; one pass over the touching set suffices
    // because the existing windows never touch each other (they would have merged).
    if (absorbed.length === 0 || (absorbed.length === 1 && absorbed[0] === namespaceOf(merged))) return merged;
    if (this.isLate(merged)) return merged;
    const target = namespaceOf(merged);
    let combined: unknown;
    for (const ns of absorbed.sort((a, b) => windowOf(a).start - windowOf(b).start)) {
      const contents = state.get(ns);
      combined = combined === undefined ? contents : this.contents.merge(combined, contents);
      if (ns !== target) {
        state.delete(ns);
        this.deleteTimers(windowOf(ns));
      }
    }
    state.set(target, combined);
    return merged;
  }

  /** Registers the window's firing and cleanup timers, or fires it at once if the watermark is already past it. */
  private scheduleOrFire(window: TimeWindow): void {
    const last = maxTimestamp(window);
    const ns = namespaceOf(window);
    if (this.isEventTime) {
      if (last <= this.timers.currentWatermark) this.fire(window);
      else this.timers.registerEventTimeTimer(ns, last);
      this.timers.registerEventTimeTimer(ns, this.cleanupTime(window));
    } else {
      this.timers.registerProcessingTimeTimer(ns, last);
    }
  }

  private deleteTimers(window: TimeWindow): void {
    const ns = namespaceOf(window);
    if (this.isEventTime) {
      this.timers.deleteEventTimeTimer(ns, maxTimestamp(window));
      this.timers.deleteEventTimeTimer(ns, this.cleanupTime(window));
    } else {
      this.timers.deleteProcessingTimeTimer(ns, maxTimestamp(window));
    }
  }

  private onTimer(timer: Timer): void {
    const window = windowOf(timer.namespace);
    if (timer.timestamp === maxTimestamp(window)) this.fire(window);
    if (timer.timestamp === this.cleanupTime(window)) {
      const state = this.keyWindows(false);
      state?.delete(timer.namespace);
      if (state?.size === 0) this.backend.bucket(this.windows).delete(this.backend.currentKey);
    }
  }

  private fire(window: TimeWindow): void {
    const contents = this.keyWindows(false)?.get(namespaceOf(window));
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
    return this.isEventTime ? maxTimestamp(window) + this.settings.allowedLatenessMs : maxTimestamp(window);
  }

  private isLate(window: TimeWindow): boolean {
    return this.isEventTime && this.cleanupTime(window) <= this.timers.currentWatermark;
  }

  private isElementLate(timestamp: number): boolean {
    return timestamp + this.settings.allowedLatenessMs <= this.timers.currentWatermark;
  }

  private keyWindows(create: boolean): Map<string, unknown> | undefined {
    const bucket = this.backend.bucket(this.windows);
    let state = bucket.get(this.backend.currentKey);
    if (state === undefined && create) {
      state = new Map();
      bucket.set(this.backend.currentKey, state);
    }
    return state;
  }
}
