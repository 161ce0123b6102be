/** How a stream's segment count changes: fixed, or driven by the event rate per segment. */
export type ScalingPolicy =
  | { readonly type: 'FIXED'; readonly minNumSegments: number }
  | {
      readonly type: 'BY_EVENT_RATE';
      /** Target events per second per segment. */
      readonly targetRate: number;
      /** How many successors a split creates (at least 2). */
      readonly scaleFactor: number;
      readonly minNumSegments: number;
    };

export const ScalingPolicy = {
  fixed(n: number): ScalingPolicy {
    return { type: 'FIXED', minNumSegments: n };
  },
  byEventRate(targetRate: number, scaleFactor: number, minNumSegments: number): ScalingPolicy {
    return { type: 'BY_EVENT_RATE', targetRate, scaleFactor, minNumSegments };
  },
};

export interface StreamConfiguration {
  readonly scalingPolicy: ScalingPolicy;
}
