// A scenario's own charts: its checkpoints' durations over time, and its source throughput over time with a line at
// every checkpoint.
import type { LineChartSpec } from './chartSpecs.ts';
import { spansOrders } from './chartSpecs.ts';
import { finite, type ScenarioInput, scenarioName } from './input.ts';
import { ALIGNED_CHECKPOINT_COLOR, scenarioColor, THROUGHPUT_COLOR, UNALIGNED_CHECKPOINT_COLOR } from './palette.ts';

export const SCENARIO_CHART_WIDTH = 570;

export interface CheckpointPoint {
  readonly atS: number;
  readonly ms: number;
  readonly unaligned: boolean;
}

/** The scenario's measured checkpoints with both coordinates, in time order. */
export function checkpointPoints(s: ScenarioInput): CheckpointPoint[] {
  const points: CheckpointPoint[] = [];
  for (const p of s.figures?.series ?? []) {
    const atS = finite(p.atS);
    const ms = finite(p.ms);
    if (atS !== undefined && ms !== undefined) points.push({ atS, ms, unaligned: p.unaligned === true });
  }
  return points.sort((a, b) => a.atS - b.atS);
}

function throughputPoints(s: ScenarioInput): [number, number][] {
  const points: [number, number][] = [];
  for (const p of s.figures?.throughputSeries ?? []) {
    const atS = finite(p.atS);
    const rate = finite(p.recordsPerSecond);
    if (atS !== undefined && rate !== undefined) points.push([atS, rate]);
  }
  return points.sort((a, b) => a[0] - b[0]);
}

/** From submit to the scenario's last checkpoint or sample: the x range of both its charts. */
function timeRange(s: ScenarioInput): [number, number] {
  const last = Math.max(0, ...checkpointPoints(s).map((p) => p.atS), ...throughputPoints(s).map(([atS]) => atS));
  return [0, last > 0 ? last * 1.02 : 1];
}

export function durationChart(s: ScenarioInput, index: number): LineChartSpec | undefined {
  const points = checkpointPoints(s);
  if (points.length === 0) return undefined;
  const unaligned = points.filter((p) => p.unaligned);
  return {
    kind: 'lines',
    id: `scenario-${index}-durations`,
    title: 'End-to-end duration per checkpoint',
    caption:
      unaligned.length > 0
        ? 'Orange marks the checkpoints in which some task went unaligned.'
        : 'Completed checkpoints after the warm-up, at their trigger time.',
    width: SCENARIO_CHART_WIDTH,
    height: 220,
    xLabel: 'seconds since submit',
    xRange: timeRange(s),
    yLabel: 'ms',
    logY: spansOrders(points.map((p) => p.ms)),
    series: [
      {
        label: scenarioName(s, index),
        color: scenarioColor(index),
        style: 'line',
        points: points.map((p) => [p.atS, p.ms] as const),
      },
      ...(unaligned.length === 0
        ? []
        : [
            {
              label: 'went unaligned',
              color: UNALIGNED_CHECKPOINT_COLOR,
              style: 'points' as const,
              points: unaligned.map((p) => [p.atS, p.ms] as const),
            },
          ]),
    ],
    markers: [],
  };
}

export function throughputChart(s: ScenarioInput, index: number): LineChartSpec | undefined {
  const points = throughputPoints(s);
  if (points.length === 0) return undefined;
  return {
    kind: 'lines',
    id: `scenario-${index}-throughput`,
    title: 'Source records/s, with the checkpoints',
    caption:
      'Between metrics samples, warm-up included. Vertical lines: checkpoint triggers after the warm-up ' +
      '(blue aligned, orange unaligned).',
    width: SCENARIO_CHART_WIDTH,
    height: 220,
    xLabel: 'seconds since submit',
    xRange: timeRange(s),
    yLabel: 'records/s',
    logY: false,
    series: [{ label: 'records/s', color: THROUGHPUT_COLOR, style: 'line', points }],
    markers: checkpointPoints(s).map((p) => ({
      x: p.atS,
      color: p.unaligned ? UNALIGNED_CHECKPOINT_COLOR : ALIGNED_CHECKPOINT_COLOR,
    })),
  };
}
