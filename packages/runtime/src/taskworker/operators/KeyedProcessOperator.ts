import type {
  Collector,
  Key,
  KeyedProcessContext,
  KeyedProcessFunction,
  KeySelector,
  OnTimerContext,
  OutputTag,
  TimerService,
} from '@dhara/core';
import { keyedStateStore, type Timer } from '../../state/index.ts';
import { KeyedOperatorBase } from './KeyedOperatorBase.ts';
import type { OperatorContext } from './StreamOperator.ts';

/** The namespace of a keyed process function's own timers and state (windows use theirs). */
const NO_NAMESPACE = '';

/**
 * Runs a KeyedProcessFunction: sets the element's key as the current key for its state and timers, and calls
 * `onTimer` when an event-time timer passes the watermark or a processing-time timer comes due.
 */
export class KeyedProcessOperator extends KeyedOperatorBase {
  private timestamp: number | undefined;
  private timeDomain: 'event-time' | 'processing-time' = 'event-time';
  private readonly out: Collector<unknown>;
  private readonly ctx: KeyedProcessContext<Key> & OnTimerContext<Key>;

  constructor(
    context: OperatorContext,
    private readonly fn: KeyedProcessFunction<Key, unknown, unknown>,
    private readonly keySelector: KeySelector<unknown, Key>,
  ) {
    super(context);
    const { time, output } = context;
    this.out = { collect: (value) => output.emit(value, this.timestamp) };
    const timers = this.timers;
    const timerService: TimerService = {
      currentProcessingTime: () => time.now(),
      currentWatermark: () => timers.currentWatermark,
      registerEventTimeTimer: (t) => timers.registerEventTimeTimer(NO_NAMESPACE, t),
      registerProcessingTimeTimer: (t) => timers.registerProcessingTimeTimer(NO_NAMESPACE, t),
      deleteEventTimeTimer: (t) => timers.deleteEventTimeTimer(NO_NAMESPACE, t),
      deleteProcessingTimeTimer: (t) => timers.deleteProcessingTimeTimer(NO_NAMESPACE, t),
    };
    const self = this;
    this.ctx = {
      get timestamp() {
        return self.timestamp;
      },
      get currentKey() {
        return self.backend.currentKey;
      },
      get timeDomain() {
        return self.timeDomain;
      },
      timerService,
      output<X>(tag: OutputTag<X>, value: X) {
        output.emitSide(tag.id, value, self.timestamp);
      },
    };
  }

  override open(): void | Promise<void> {
    const store = keyedStateStore(this.backend, `operator '${this.context.runtime.operatorName}'`);
    return this.fn.open?.({ ...this.context.runtime, ...store });
  }

  processElement(value: unknown, timestamp: number | undefined): void {
    this.backend.setCurrentKey(this.keySelector(value));
    this.timestamp = timestamp;
    this.fn.processElement(value, this.ctx, this.out);
  }

  protected override onEventTime(timer: Timer): void {
    this.fire(timer, 'event-time');
  }

  protected override onProcessingTime(timer: Timer): void {
    this.fire(timer, 'processing-time');
  }

  override close(): void | Promise<void> {
    super.close();
    return this.fn.close?.();
  }

  private fire(timer: Timer, domain: 'event-time' | 'processing-time'): void {
    if (this.fn.onTimer === undefined) return;
    this.timeDomain = domain;
    // What a timer emits carries the timer's time for event time, and no timestamp for processing time (as Flink).
    this.timestamp = domain === 'event-time' ? timer.timestamp : undefined;
    this.fn.onTimer(timer.timestamp, this.ctx, this.out);
  }
}
