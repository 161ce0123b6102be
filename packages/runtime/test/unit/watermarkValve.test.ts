import { MAX_WATERMARK, MIN_WATERMARK } from '@dhara/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { StatusWatermarkValve } from '../../src/network/StatusWatermarkValve.ts';

type Emitted = { watermark: number } | { idle: boolean };

function valve(channels: number): { valve: StatusWatermarkValve; out: Emitted[] } {
  const out: Emitted[] = [];
  const v = new StatusWatermarkValve(channels, {
    emitWatermark: (watermark) => out.push({ watermark }),
    emitWatermarkStatus: (idle) => out.push({ idle }),
  });
  return { valve: v, out };
}

const watermarks = (out: Emitted[]): number[] => out.flatMap((e) => ('watermark' in e ? [e.watermark] : []));

describe('StatusWatermarkValve', () => {
  test('emits the minimum over the channels, only when it rises', () => {
    const { valve: v, out } = valve(3);
    v.inputWatermark(0, 10);
    v.inputWatermark(1, 5);
    expect(out).toEqual([]); // channel 2 still at MIN
    v.inputWatermark(2, 7);
    expect(out).toEqual([{ watermark: 5 }]);
    v.inputWatermark(1, 20);
    expect(out).toEqual([{ watermark: 5 }, { watermark: 7 }]);
    v.inputWatermark(2, 9); // min is 9 now
    v.inputWatermark(2, 8); // older than the channel's own: ignored
    expect(watermarks(out)).toEqual([5, 7, 9]);
    expect(v.currentWatermark).toBe(9);
  });

  test('never goes backwards', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 100);
    v.inputWatermark(1, 100);
    v.inputWatermark(0, 50);
    v.inputWatermark(1, 60);
    expect(watermarks(out)).toEqual([100]);
    expect(v.currentWatermark).toBe(100);
  });

  test('an idle channel stops holding the minimum back', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 100);
    v.inputWatermark(1, 10);
    expect(watermarks(out)).toEqual([10]);
    v.inputStatus(1, true);
    expect(out).toEqual([{ watermark: 10 }, { watermark: 100 }]); // no IDLE: channel 0 is still active
    v.inputWatermark(1, 200); // watermarks of an idle channel are ignored
    v.inputWatermark(0, 150);
    expect(watermarks(out)).toEqual([10, 100, 150]);
  });

  test('all channels idle: emits the maximum, then IDLE once', () => {
    const { valve: v, out } = valve(3);
    v.inputWatermark(0, 30);
    v.inputWatermark(1, 10);
    v.inputWatermark(2, 20);
    v.inputStatus(1, true); // min over 0 and 2
    v.inputStatus(0, true); // only 2 (at 20) left active
    expect(out).toEqual([{ watermark: 10 }, { watermark: 20 }]);
    v.inputStatus(2, true); // all idle: the maximum (channel 0's 30), then IDLE
    expect(out).toEqual([{ watermark: 10 }, { watermark: 20 }, { watermark: 30 }, { idle: true }]);
    v.inputStatus(2, true); // repeated: nothing
    expect(out.length).toBe(4);
  });

  test('all idle with the maximum already emitted: IDLE only', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 40);
    v.inputWatermark(1, 40);
    v.inputStatus(0, true);
    v.inputStatus(1, true);
    expect(out).toEqual([{ watermark: 40 }, { idle: true }]);
  });

  test('a channel active again announces ACTIVE and rejoins only once its watermark reaches the last output', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 100);
    v.inputWatermark(1, 10);
    v.inputStatus(1, true); // output -> 100
    v.inputStatus(0, true); // all idle -> IDLE
    expect(out).toEqual([{ watermark: 10 }, { watermark: 100 }, { idle: true }]);
    v.inputStatus(1, false); // channel 1 at 10 < 100: active but not aligned
    expect(out.at(-1)).toEqual({ idle: false });
    v.inputWatermark(1, 50); // still behind the output: nothing, and never backwards
    expect(v.currentWatermark).toBe(100);
    v.inputWatermark(1, 120); // caught up: aligned, and it is the minimum of the active, aligned channels
    expect(out.slice(3)).toEqual([{ idle: false }, { watermark: 120 }]);
  });

  test('a channel active again at the output watermark is aligned at once and holds the minimum', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 100);
    v.inputWatermark(1, 100);
    v.inputStatus(1, true);
    v.inputStatus(1, false);
    v.inputWatermark(0, 130);
    expect(watermarks(out)).toEqual([100]); // channel 1 (at 100) holds it back
    v.inputWatermark(1, 110);
    expect(watermarks(out)).toEqual([100, 110]);
  });

  test('an active channel behind the output does not hold back the aligned ones', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 100);
    v.inputWatermark(1, 10);
    v.inputStatus(1, true);
    v.inputStatus(1, false); // at 10, behind the output 100: not aligned
    v.inputWatermark(0, 150);
    expect(watermarks(out)).toEqual([10, 100, 150]);
    v.inputWatermark(1, 120); // still behind 150
    v.inputWatermark(0, 170);
    expect(watermarks(out)).toEqual([10, 100, 150, 170]);
    v.inputWatermark(1, 180); // aligned now
    v.inputWatermark(0, 200);
    expect(watermarks(out)).toEqual([10, 100, 150, 170, 180]);
  });

  test('channelFinished counts as the maximum watermark', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 10);
    v.inputWatermark(1, 5);
    v.channelFinished(1);
    expect(watermarks(out)).toEqual([5, 10]);
    v.channelFinished(0);
    expect(watermarks(out)).toEqual([5, 10, MAX_WATERMARK]);
    expect(v.currentWatermark).toBe(MAX_WATERMARK);
  });

  test('channelFinished of an idle channel makes it active at the maximum', () => {
    const { valve: v, out } = valve(2);
    v.inputWatermark(0, 10);
    v.inputWatermark(1, 20);
    v.inputStatus(0, true);
    v.inputStatus(1, true);
    expect(out).toEqual([{ watermark: 10 }, { watermark: 20 }, { idle: true }]);
    v.channelFinished(0);
    v.channelFinished(1);
    expect(out.slice(3)).toEqual([{ idle: false }, { watermark: MAX_WATERMARK }]);
  });

  // An independent model of Flink's rule, checked step by step against the valve.
  type Op =
    | { kind: 'wm'; channel: number; watermark: number }
    | { kind: 'status'; channel: number; idle: boolean }
    | { kind: 'finish'; channel: number };

  class Model {
    readonly wm: number[];
    readonly idle: boolean[];
    readonly aligned: boolean[];
    last = MIN_WATERMARK;
    outIdle = false;

    constructor(n: number) {
      this.wm = new Array<number>(n).fill(MIN_WATERMARK);
      this.idle = new Array<boolean>(n).fill(false);
      this.aligned = new Array<boolean>(n).fill(true);
    }

    /** The expected emissions of one step. */
    step(op: Op): Emitted[] {
      const out: Emitted[] = [];
      const n = this.wm.length;
      const activeAlignedMin = (): number | undefined => {
        const xs = this.wm.filter((_, i) => !this.idle[i] && this.aligned[i]);
        return xs.length === 0 ? undefined : Math.min(...xs);
      };
      const emitMin = () => {
        const m = activeAlignedMin();
        if (m !== undefined && m > this.last) {
          this.last = m;
          out.push({ watermark: m });
        }
      };
      const wm = (c: number, w: number) => {
        if (this.idle[c] || w <= this.wm[c]!) return;
        this.wm[c] = w;
        if (w >= this.last) this.aligned[c] = true;
        emitMin();
      };
      const status = (c: number, idle: boolean) => {
        if (this.idle[c] === idle) return;
        this.idle[c] = idle;
        if (idle) {
          this.aligned[c] = false;
          if (this.idle.every(Boolean)) {
            const max = Math.max(...this.wm);
            if (max > this.last) {
              this.last = max;
              out.push({ watermark: max });
            }
            if (!this.outIdle) {
              this.outIdle = true;
              out.push({ idle: true });
            }
          } else {
            emitMin();
          }
        } else {
          this.aligned[c] = this.wm[c]! >= this.last;
          if (this.outIdle) {
            this.outIdle = false;
            out.push({ idle: false });
          }
        }
      };
      if (op.kind === 'wm') wm(op.channel % n, op.watermark);
      else if (op.kind === 'status') status(op.channel % n, op.idle);
      else {
        if (this.idle[op.channel % n]) status(op.channel % n, false);
        wm(op.channel % n, MAX_WATERMARK);
      }
      return out;
    }
  }

  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('wm' as const),
        channel: fc.nat(7),
        watermark: fc.integer({ min: -50, max: 500 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('status' as const), channel: fc.nat(7), idle: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('finish' as const), channel: fc.nat(7) }) },
  );

  test('property: outputs rise strictly and equal the minimum over active, aligned channels (model)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 80 }), (n, ops) => {
        const { valve: v, out } = valve(n);
        const model = new Model(n);
        let emittedWatermarks: number[] = [];
        for (const o of ops) {
          const before = out.length;
          if (o.kind === 'wm') v.inputWatermark(o.channel % n, o.watermark);
          else if (o.kind === 'status') v.inputStatus(o.channel % n, o.idle);
          else v.channelFinished(o.channel % n);
          const step = out.slice(before);
          expect(step).toEqual(model.step(o));
          emittedWatermarks = [...emittedWatermarks, ...watermarks(step)];
          // Strictly rising.
          for (let i = 1; i < emittedWatermarks.length; i++) {
            expect(emittedWatermarks[i]!).toBeGreaterThan(emittedWatermarks[i - 1]!);
          }
          // A watermark emitted while some channel is active is the minimum over the active, aligned channels.
          if (!model.outIdle && watermarks(step).length > 0) {
            const active = model.wm.filter((_, i) => !model.idle[i] && model.aligned[i]);
            if (active.length > 0) expect(watermarks(step).at(-1)).toBe(Math.min(...active));
          }
          expect(v.currentWatermark).toBe(model.last);
        }
      }),
      { numRuns: 300 },
    );
  });
});
