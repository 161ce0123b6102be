// The charts as data: what the page's script draws with uPlot. Built in Node from the suite's result, inlined as JSON.

export interface LineSeriesSpec {
  readonly label: string;
  readonly color: string;
  /** 'line' joins the points (and marks each), 'points' only marks them. */
  readonly style: 'line' | 'points';
  /** [x, y] pairs, x ascending. */
  readonly points: readonly (readonly [number, number])[];
}

/** A vertical line across the plot at `x`, e.g. a checkpoint's trigger time. */
export interface MarkerSpec {
  readonly x: number;
  readonly color: string;
}

interface ChartBase {
  /** The DOM id of the chart's container, unique in the page. */
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly width: number;
  readonly height: number;
  readonly yLabel: string;
  /** A log10 y axis, for figures that span orders of magnitude. */
  readonly logY: boolean;
}

export interface LineChartSpec extends ChartBase {
  readonly kind: 'lines';
  readonly xLabel: string;
  /** A fixed x range, so that charts side by side share their time axis; else the data's. */
  readonly xRange?: readonly [number, number];
  readonly series: readonly LineSeriesSpec[];
  readonly markers: readonly MarkerSpec[];
}

/** Grouped bars: one group per category, one bar per series in each group. */
export interface BarChartSpec extends ChartBase {
  readonly kind: 'bars';
  readonly categories: readonly string[];
  readonly series: readonly {
    readonly label: string;
    readonly color: string;
    readonly values: readonly (number | null)[];
  }[];
}

export type ChartSpec = LineChartSpec | BarChartSpec;

/** Whether positive values spread over more than `factor` (then a log axis reads better). */
export function spansOrders(values: readonly number[], factor = 30): boolean {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return false;
  return Math.max(...positive) / Math.min(...positive) > factor;
}
