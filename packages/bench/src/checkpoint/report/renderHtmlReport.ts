// The HTML report of `dhara bench checkpoint`: one self-contained file (uPlot, the drawing script and the chart data
// inlined) with the headline checkpoint/floor ratios, the tables the CLI prints, and the charts. Rendered generically
// from the suite's result: any number of scenarios, optional fields may be absent. It takes the lenient view of a
// `CheckpointSuiteReport` (see input.ts), so that it also renders JSON from other versions of the suite, and so that
// the suite can import it without an import cycle.
import { inlineJson, inlineScript, reportAssets } from './assets.ts';
import type { ChartSpec } from './chartSpecs.ts';
import { extraFigures, inlinePairs } from './extraFigures.ts';
import { escapeHtml, formatMs } from './format.ts';
import { finite, type ReportInput, type ScenarioInput, scenarioName } from './input.ts';
import { overviewCharts } from './overviewCharts.ts';
import { durationChart, throughputChart } from './scenarioCharts.ts';
import { PAGE_STYLES } from './styles.ts';
import {
  endToEndTable,
  failuresList,
  floorsLine,
  headlineCards,
  htmlTable,
  mediansTable,
  recoveryTable,
  summaryTable,
  throughputLine,
} from './tables.ts';

function chartFigure(spec: ChartSpec): string {
  return (
    `<figure class="chart" style="width:${spec.width}px"><figcaption>${escapeHtml(spec.title)}</figcaption>` +
    `<div class="plot" id="${escapeHtml(spec.id)}"></div><p class="caption">${escapeHtml(spec.caption)}</p></figure>`
  );
}

function header(report: ReportInput): string {
  const env = report.environment ?? {};
  const options = report.options ?? {};
  const duration = finite(options.durationMs);
  const warmup = finite(options.warmupMs);
  const facts = [
    env.date,
    env.node === undefined ? undefined : `Node.js ${env.node}`,
    finite(env.cpus) === undefined ? undefined : `${env.cpus} × ${env.cpuModel ?? 'cpu'}`,
    env.platform,
    duration === undefined ? undefined : `${(duration / 1_000).toFixed(1)} s per scenario`,
    warmup === undefined ? undefined : `warm-up ${(warmup / 1_000).toFixed(1)} s left out`,
    options.quick === true ? 'quick' : undefined,
  ].filter((f): f is string => typeof f === 'string');
  return `<h1>Dhara checkpoint benchmark</h1><p class="meta">${escapeHtml(facts.join(' · '))}</p>`;
}

function scenarioSection(s: ScenarioInput, index: number, charts: ChartSpec[]): string {
  const name = scenarioName(s, index);
  const parts = [`<h3 id="scenario-${index}">${escapeHtml(name)}</h3>`];
  if (s.description) parts.push(`<p>${escapeHtml(s.description)}</p>`);
  const chains = s.taskChains ?? [];
  const parallelism = finite(s.parallelism);
  const facts = [
    chains.length === 0 ? '' : `task chains: ${escapeHtml(chains.join(' | '))}`,
    parallelism === undefined ? '' : `parallelism ${parallelism}`,
    inlinePairs(s.settings) === '' ? '' : `settings: ${inlinePairs(s.settings)}`,
    inlinePairs(s.network) === '' ? '' : `network: ${inlinePairs(s.network)}`,
    finite(s.wallMs) === undefined ? '' : `wall ${formatMs(s.wallMs)} ms`,
  ].filter((f) => f !== '');
  if (facts.length > 0) parts.push(`<p class="meta">${facts.join('; ')}</p>`);
  if (s.figures !== undefined && s.figures !== null) parts.push(endToEndTable(s), mediansTable(s));
  parts.push(floorsLine(s), throughputLine(s), recoveryTable(s), failuresList(s));
  const extra = extraFigures(s);
  if (extra.length > 0) parts.push(htmlTable(['other figures', 'value'], extra, false));
  const own = [durationChart(s, index), throughputChart(s, index)].filter((c) => c !== undefined);
  charts.push(...own);
  parts.push(
    own.length === 0
      ? '<p class="nodata">no completed checkpoint or throughput sample to chart</p>'
      : `<div class="pair">${own.map(chartFigure).join('\n')}</div>`,
  );
  return `<section class="scenario">${parts.join('\n')}</section>`;
}

export function renderHtmlReport(input: ReportInput): string {
  const scenarios = input.scenarios ?? [];
  const assets = reportAssets();
  const overview = overviewCharts(input);
  const charts: ChartSpec[] = [...overview];
  const sections = scenarios.map((s, i) => scenarioSection(s, i, charts));
  const notDone = input.notDone ?? [];
  const title = `Dhara checkpoint benchmark ${input.environment?.date ?? ''}`.trim();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${assets.uplotStyles}</style>
<style>${PAGE_STYLES}</style>
</head>
<body>
<main>
${header(input)}
<h2>Checkpoint / floor</h2>
<p>End-to-end p50 of each scenario over its floor: an fsync commit of the same bytes on the same disk plus a
barrier-sized ping through the same number of threads, both measured in this run right after the scenario.</p>
${headlineCards(input)}
${summaryTable(input)}
<h2>Across scenarios</h2>
${overview.length === 0 ? '<p class="nodata">no completed checkpoint to chart</p>' : overview.map(chartFigure).join('\n')}
<h2>Scenarios</h2>
${sections.join('\n')}
${notDone.length === 0 ? '' : `<h2>Not measured yet</h2><ul>${notDone.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`}
</main>
${inlineJson('chart-specs', charts)}
${inlineScript(assets.uplotScript)}
${inlineScript(assets.drawScript)}
</body>
</html>
`;
}
