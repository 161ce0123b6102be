import type { StreamMetadata } from '../controller/index.ts';
import type { KeyRange } from '../model/index.ts';

/**
 * The event-rate scaling policy, simplified from Pravega's (which looks at 2/5/10/20-minute rates with a 10-minute
 * cooldown): every interval, a segment above 2x the target rate is split into `scaleFactor` parts; otherwise two
 * adjacent segments both under half the target are merged, never below `minNumSegments`. At most one scale per
 * stream per interval.
 */
export class EventRateScaler {
  private lastTick = Date.now();

  constructor(
    readonly intervalMs: number,
    private readonly scale: (s: StreamMetadata, sealed: number[], ranges: KeyRange[]) => Promise<void>,
  ) {}

  tick(streams: Iterable<StreamMetadata>): void {
    const now = Date.now();
    const seconds = Math.max((now - this.lastTick) / 1000, 0.001);
    this.lastTick = now;
    for (const s of streams) {
      const policy = s.config.scalingPolicy;
      const rates = s.active.map((id) => {
        const seg = s.segments.get(id)!;
        const rate = seg.eventsSinceSample / seconds;
        seg.eventsSinceSample = 0;
        return { seg, rate };
      });
      if (policy.type !== 'BY_EVENT_RATE' || s.sealed) continue;
      const hot = rates.find((r) => r.rate > 2 * policy.targetRate);
      if (hot) {
        const { low, high } = hot.seg.range;
        const n = policy.scaleFactor;
        const ranges = Array.from({ length: n }, (_, i) => ({
          low: low + ((high - low) * i) / n,
          high: i === n - 1 ? high : low + ((high - low) * (i + 1)) / n,
        }));
        this.scale(s, [hot.seg.id], ranges).catch(() => {});
        continue;
      }
      if (rates.length <= policy.minNumSegments) continue;
      for (let i = 0; i + 1 < rates.length; i++) {
        const a = rates[i]!;
        const b = rates[i + 1]!;
        if (a.rate < policy.targetRate / 2 && b.rate < policy.targetRate / 2 && a.seg.range.high === b.seg.range.low) {
          this.scale(s, [a.seg.id, b.seg.id], [{ low: a.seg.range.low, high: b.seg.range.high }]).catch(() => {});
          break;
        }
      }
    }
  }
}
