// The HTML report of `dhara bench checkpoint`, opened in headless Chromium (Debian's /usr/bin/chromium): a tiny real
// suite run writes it beside its JSON and every chart in it draws; a report from other versions of the suite (fields
// missing, unknown figures, markup in names) renders too. Without Chromium these tests fail, naming the install.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CHROMIUM_PATH,
  type CheckpointSuiteReport,
  ChromiumMissingError,
  openInChromium,
  type ReportInput,
  renderHtmlReport,
  runCheckpointSuite,
  screenshotFullPage,
} from '@dhara/bench';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const outDir = mkdtempSync(path.join(tmpdir(), 'dhara-report-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Width and height from a PNG's header, after checking its signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A report as older or other suites write it: NaN as null, no throughput series, a scenario of another kind. */
function foreignReport(): ReportInput {
  // A kind of scenario this report does not know, with figures of its own (not a literal: no excess-property check).
  const restartScenario = {
    name: 'restart-p1',
    figures: { completed: 0, restarts: { kills: 2, firstRecordMs: { p50: 41, max: 81 } } },
  };
  const series = (ms: number[], unaligned: boolean) =>
    ms.map((v, i) => ({ id: i + 1, atS: 1 + i * 0.1, ms: v, unaligned }));
  return {
    environment: { date: '2026-01-01T00:00:00.000Z', node: 'v20', cpus: 2, cpuModel: 'test', platform: 'linux' },
    options: { durationMs: 3_000, warmupMs: 500, quick: true },
    scenarios: [
      {
        name: 'spill-aligned-p1',
        description: 'a <b>description</b> with </script> in it',
        parallelism: 1,
        figures: {
          completed: 3,
          failed: 0,
          endToEndMs: { count: 3, p50: 200, p90: 250, p99: 300, p999: 300, max: 300 },
          recordsPerSecond: null,
          series: series([200, 250, 300], false),
        },
        floors: { totalMs: 1, p50Ratio: 200, p99Ratio: 300 },
      },
      {
        name: 'spill-unaligned-p1',
        figures: {
          completed: 3,
          endToEndMs: { count: 3, p50: 20, p90: 25, p99: 30, p999: 30, max: 30 },
          series: series([20, 25, 30], true),
          throughputSeries: [
            { atS: 0.5, recordsPerSecond: 0 },
            { atS: 1, recordsPerSecond: 900 },
            { atS: 1.5, recordsPerSecond: 1_000 },
          ],
        },
      },
      restartScenario,
      // One checkpoint: its charts are a single point, which must still count as drawn.
      { name: 'single-p1', figures: { completed: 1, series: series([7], false) } },
    ],
  };
}

describe('the checkpoint benchmark HTML report in headless Chromium', () => {
  beforeAll(() => {
    if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(CHROMIUM_PATH);
  });

  test('a tiny real run writes a self-contained report beside its JSON, and every chart renders', async () => {
    const { file, html } = await runCheckpointSuite({
      // As in checkpointBench.test.ts: long enough for a few checkpoints of every scenario, aligned ones included.
      durationMs: 2_500,
      warmupMs: 0,
      parallelisms: [1],
      filter: 'backpressure',
      outDir,
      quick: true,
    });
    expect(html).toBe(file.replace(/\.json$/, '.html'));
    const report = JSON.parse(readFileSync(file, 'utf8')) as CheckpointSuiteReport;
    expect(report.scenarios).toHaveLength(3);
    for (const s of report.scenarios) expect(s.figures.throughputSeries.length, s.name).toBeGreaterThan(0);

    const page = readFileSync(html, 'utf8');
    // Self-contained: no script, style or image fetched from anywhere.
    expect(page).not.toMatch(/<(script|img|iframe)\b[^>]*\ssrc=|<link\b|url\(\s*['"]?(https?:|\/\/)/i);
    for (const s of report.scenarios) expect(page).toContain(s.name);

    const png = path.join(outDir, 'report.png');
    const shown = await screenshotFullPage(html, png);
    expect(shown.chartErrors).toBe('');
    // Per scenario its throughput chart, and its durations chart when a checkpoint completed in the short run; once
    // one did, the overview's durations over time and percentiles, and the three modes side by side.
    const withCheckpoints = report.scenarios.filter((s) => s.figures.series.length > 0).length;
    const overview = withCheckpoints > 0 ? 3 : 0;
    expect(shown.chartsExpected).toBe(overview + withCheckpoints + report.scenarios.length);
    expect(shown.chartsRendered).toBe(shown.chartsExpected);
    const { width, height } = pngSize(png);
    expect(width).toBe(1280);
    expect(height).toBeGreaterThanOrEqual(shown.pageHeight ?? 0);
    expect(statSync(png).size).toBeGreaterThan(50_000);
  }, 90_000);

  test('a report with absent fields, unknown figures and markup in its text renders every chart it has', async () => {
    const file = path.join(outDir, 'foreign.html');
    const html = renderHtmlReport(foreignReport());
    writeFileSync(file, html);
    expect(html).toContain('a &lt;b&gt;description&lt;/b&gt; with &lt;/script&gt; in it');
    expect(html).toContain('figures.restarts.firstRecordMs');

    const shown = await openInChromium(file);
    expect(shown.chartErrors).toBe('');
    // Durations over time, percentiles, the spill family's modes; spill-aligned's durations; spill-unaligned's
    // durations and throughput; nothing to chart for restart-p1; single-p1's durations.
    expect(shown.chartsExpected).toBe(7);
    expect(shown.chartsRendered).toBe(7);
    expect(shown.dom).toContain('no completed checkpoint or throughput sample to chart');
  }, 60_000);

  test('a report without scenarios is a page without charts', async () => {
    const file = path.join(outDir, 'empty.html');
    writeFileSync(file, renderHtmlReport({ scenarios: [], notDone: ['everything'] }));
    const shown = await openInChromium(file);
    expect(shown.chartsExpected).toBe(0);
    expect(shown.chartsRendered).toBe(0);
    expect(shown.dom).toContain('everything');
  }, 60_000);
});
