// Percentile bars: p50/p90/p99/p99.9/max of the end-to-end duration, one bar per scenario in each group.
import type { BarChartSpec } from './chartSpecs.ts';
import { spansOrders } from './chartSpecs.ts';
import { finite, type ScenarioInput } from './input.ts';

const PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p99.9', 'p999'],
  ['max', 'max'],
] as const;

export interface BarMember {
  readonly label: string;
  readonly color: string;
  readonly scenario: ScenarioInput;
}

/** The chart, or undefined when no member has a measured percentile; members without any are left out. */
export function percentileBars(
  id: string,
  title: string,
  caption: string,
  members: readonly BarMember[],
  width: number,
): BarChartSpec | undefined {
  const series = members
    .map((m) => ({
      label: m.label,
      color: m.color,
      values: PERCENTILES.map(([, key]) => finite(m.scenario.figures?.endToEndMs?.[key]) ?? null),
    }))
    .filter((s) => s.values.some((v) => v !== null));
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (values.length === 0) return undefined;
  return {
    kind: 'bars',
    id,
    title,
    caption,
    width,
    height: 300,
    yLabel: 'end-to-end ms',
    logY: spansOrders(values),
    categories: PERCENTILES.map(([label]) => label),
    series,
  };
}
