// The report's tables: per scenario the same columns as `dhara bench checkpoint` prints, and the summary across them.

import {
  escapeHtml,
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  formatRate,
  formatRatio,
  formatShare,
} from './format.ts';
import {
  type FiguresInput,
  finite,
  type PercentilesInput,
  type ReportInput,
  type ScenarioInput,
  scenarioName,
} from './input.ts';
import { SUMMARY_COLUMNS } from './summaryColumns.ts';

/** A table whose first column is a label and the others figures (right-aligned unless not `numeric`); plain text. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[], numeric = true): string {
  const cls = (i: number): string => (i > 0 && numeric ? ' class="num"' : '');
  const head = headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function endToEndTable(s: ScenarioInput): string {
  const f = s.figures ?? {};
  const e = f.endToEndMs ?? {};
  return htmlTable(
    ['checkpoints', 'completed', 'failed', 'warm-up', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'records/s'],
    [
      [
        'end to end',
        formatCount(f.completed),
        formatCount(f.failed),
        formatCount(f.warmupSkipped),
        formatMs(e.p50),
        formatMs(e.p90),
        formatMs(e.p99),
        formatMs(e.p999),
        formatMs(e.max),
        formatRate(f.recordsPerSecond),
      ],
    ],
  );
}

export function mediansTable(s: ScenarioInput): string {
  const f = s.figures ?? {};
  const m = f.medianMs ?? {};
  return htmlTable(
    [
      'medians (slowest task)',
      'alignment ms',
      'sync ms',
      'async ms',
      'start delay ms',
      'state',
      'in-flight',
      'persisted',
      'unaligned %',
    ],
    [
      [
        'per checkpoint',
        formatMs(m.alignment),
        formatMs(m.sync),
        formatMs(m.async),
        formatMs(m.startDelay),
        formatBytes(f.stateBytesMedian),
        formatBytes(f.inFlightBytesMedian),
        formatBytes(f.bytesPersistedTotal),
        formatShare(f.unalignedShare),
      ],
    ],
  );
}

/** The floors sentence of a scenario, or an empty string when it has no floors. */
export function floorsLine(s: ScenarioInput): string {
  const floors = s.floors;
  if (floors === undefined || floors === null) return '';
  const method = floors.barrier?.method;
  return (
    `<p class="floors">floors: fsync commit of ${escapeHtml(formatBytes(floors.fsync?.bytes))} ` +
    `${escapeHtml(formatMs(floors.fsync?.medianMs))} ms + barrier ${escapeHtml(formatMs(floors.barrier?.medianMs))} ms` +
    `${method ? ` (${escapeHtml(method)})` : ''} = <b>${escapeHtml(formatMs(floors.totalMs))} ms</b>; ` +
    `p50/floor <b>${escapeHtml(formatRatio(floors.p50Ratio))}</b>, p99/floor <b>${escapeHtml(formatRatio(floors.p99Ratio))}</b></p>`
  );
}

type DuringCheckpoints = NonNullable<FiguresInput['throughputDuringCheckpoints']>;

/** Enough metrics intervals with and without a checkpoint in flight to compare (as the CLI decides). */
const comparable = (t: DuringCheckpoints | null | undefined): t is DuringCheckpoints =>
  (finite(t?.duringIntervals) ?? 0) >= 3 && (finite(t?.withoutIntervals) ?? 0) >= 3;

/** Source throughput with and without a checkpoint in flight, or an empty string when too few intervals had each. */
export function throughputLine(s: ScenarioInput): string {
  const t = s.figures?.throughputDuringCheckpoints;
  if (!comparable(t)) return '';
  return (
    `<p class="floors">throughput: ${escapeHtml(formatRate(t.duringPerSecond))}/s with a checkpoint in flight, ` +
    `${escapeHtml(formatRate(t.withoutPerSecond))}/s without (<b>${escapeHtml(formatPercent(t.ratio))}</b>; ` +
    `${escapeHtml(formatCount(t.duringIntervals))} and ${escapeHtml(formatCount(t.withoutIntervals))} metrics intervals)</p>`
  );
}

/** The recovery scenario's steps from each kill, or an empty string in other scenarios. */
export function recoveryTable(s: ScenarioInput): string {
  const r = s.figures?.recovery;
  if (r === undefined || r === null) return '';
  const row = (name: string, p: PercentilesInput | null | undefined): string[] => [
    name,
    formatCount(p?.count),
    formatMs(p?.p50),
    formatMs(p?.p90),
    formatMs(p?.p99),
    formatMs(p?.max),
  ];
  return htmlTable(
    [`recovery (${formatCount(r.kills)} kills), ms from the kill`, 'count', 'p50', 'p90', 'p99', 'max'],
    [
      row('failure detected (RESTARTING)', r.detectedMs),
      row('redeployed (RUNNING)', r.redeployedMs),
      row('first record at the sink', r.firstRecordMs),
      row('caught up (sink lag back to before)', r.caughtUpMs),
    ],
  );
}

export function failuresList(s: ScenarioInput): string {
  const failures = s.figures?.failures ?? [];
  if (failures.length === 0) return '';
  return `<ul class="failures">${failures.map((f) => `<li>failed: ${escapeHtml(f)}</li>`).join('')}</ul>`;
}

export function summaryTable(report: ReportInput): string {
  return htmlTable(
    [...SUMMARY_COLUMNS],
    (report.scenarios ?? []).map((s, i) => {
      const e = s.figures?.endToEndMs ?? {};
      return [
        scenarioName(s, i),
        formatCount(s.figures?.completed),
        formatCount(s.figures?.failed),
        formatMs(e.p50),
        formatMs(e.p99),
        formatMs(e.max),
        formatMs(s.floors?.totalMs),
        formatRatio(s.floors?.p50Ratio),
        formatRatio(s.floors?.p99Ratio),
        formatRate(s.figures?.recordsPerSecond),
        comparable(s.figures?.throughputDuringCheckpoints)
          ? formatPercent(s.figures?.throughputDuringCheckpoints?.ratio)
          : '-',
        formatMs(s.figures?.recovery?.firstRecordMs?.p50),
      ];
    }),
  );
}

/** One card per scenario with its checkpoint/floor ratios: the headline figures. */
export function headlineCards(report: ReportInput): string {
  const cards = (report.scenarios ?? []).map((s, i) => {
    const p50 = finite(s.floors?.p50Ratio);
    const p99 = finite(s.floors?.p99Ratio);
    const e = s.figures?.endToEndMs ?? {};
    const ratio =
      p50 === undefined
        ? `<div class="ratio">-</div><div class="sub">${
            finite(e.p50) === undefined ? 'no completed checkpoint' : 'no floor measured'
          }; floor ${escapeHtml(formatMs(s.floors?.totalMs))} ms</div>`
        : `<div class="ratio">${escapeHtml(formatRatio(p50))}</div>` +
          `<div class="sub">p50 ${escapeHtml(formatMs(e.p50))} ms over floor ${escapeHtml(formatMs(s.floors?.totalMs))} ms` +
          `${p99 === undefined ? '' : `; p99 ${escapeHtml(formatRatio(p99))}`}</div>`;
    return `<div class="card"><div class="name">${escapeHtml(scenarioName(s, i))}</div>${ratio}</div>`;
  });
  return `<div class="cards">${cards.join('\n')}</div>`;
}
