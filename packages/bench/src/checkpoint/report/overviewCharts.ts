// The charts across scenarios: durations over time, percentiles of every scenario, and per family of scenarios that
// differ in checkpoint mode, aligned vs unaligned vs aligned with a timeout.
import type { ChartSpec, LineChartSpec } from './chartSpecs.ts';
import { spansOrders } from './chartSpecs.ts';
import { type ReportInput, scenarioName } from './input.ts';
import { modeFamilies } from './modes.ts';
import { modeColor, scenarioColor } from './palette.ts';
import { percentileBars } from './percentileBars.ts';
import { checkpointPoints } from './scenarioCharts.ts';

export const OVERVIEW_WIDTH = 1160;

function durationsOverTime(report: ReportInput): LineChartSpec | undefined {
  const series = (report.scenarios ?? []).map((s, i) => ({
    label: scenarioName(s, i),
    color: scenarioColor(i),
    style: 'line' as const,
    points: checkpointPoints(s).map((p) => [p.atS, p.ms] as const),
  }));
  const withData = series.filter((s) => s.points.length > 0);
  if (withData.length === 0) return undefined;
  return {
    kind: 'lines',
    id: 'overview-durations',
    title: 'Checkpoint end-to-end duration over time, every scenario',
    caption: 'One point per completed checkpoint after the warm-up, at its trigger time.',
    width: OVERVIEW_WIDTH,
    height: 320,
    xLabel: 'seconds since submit',
    yLabel: 'end-to-end ms',
    logY: spansOrders(withData.flatMap((s) => s.points.map(([, y]) => y))),
    series: withData,
    markers: [],
  };
}

export function overviewCharts(report: ReportInput): ChartSpec[] {
  const scenarios = report.scenarios ?? [];
  const charts: (ChartSpec | undefined)[] = [durationsOverTime(report)];
  charts.push(
    percentileBars(
      'overview-percentiles',
      'End-to-end percentiles, every scenario',
      'p50, p90, p99, p99.9 and max of the completed checkpoints after the warm-up (HDR histogram, 0.1 % error).',
      scenarios.map((s, i) => ({ label: scenarioName(s, i), color: scenarioColor(i), scenario: s })),
      OVERVIEW_WIDTH,
    ),
  );
  for (const { family, members } of modeFamilies(scenarios)) {
    const parallelisms = [...new Set(members.map((m) => m.parallelism))];
    charts.push(
      percentileBars(
        `modes-${family.replace(/[^a-zA-Z0-9-]/g, '_')}`,
        `${family}: aligned vs unaligned vs aligned with a timeout`,
        'Same job and buffers, only the checkpoint mode differs; darker bars are the higher parallelism.',
        members.map((m) => ({
          label: `${m.mode} p${m.parallelism}`,
          color: modeColor(m.mode, parallelisms.indexOf(m.parallelism)),
          scenario: m.scenario,
        })),
        OVERVIEW_WIDTH,
      ),
    );
  }
  return charts.filter((c): c is ChartSpec => c !== undefined);
}
