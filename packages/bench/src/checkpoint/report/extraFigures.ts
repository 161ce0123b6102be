// Figures a scenario carries beyond the ones this report knows (other scenario kinds add their own, e.g. recovery
// times): shown as a flat list of dotted names and values, so that nothing in the JSON goes unseen.
import { escapeHtml } from './format.ts';
import type { ScenarioInput } from './input.ts';

const KNOWN_SCENARIO_KEYS = new Set([
  'name',
  'description',
  'parallelism',
  'settings',
  'network',
  'taskChains',
  'wallMs',
  'figures',
  'floors',
]);
const KNOWN_FIGURE_KEYS = new Set([
  'completed',
  'failed',
  'warmupSkipped',
  'endToEndMs',
  'medianMs',
  'stateBytesMedian',
  'inFlightBytesMedian',
  'bytesPersistedTotal',
  'unalignedShare',
  'recordsPerSecond',
  'series',
  'throughputSeries',
  'failures',
  'throughputDuringCheckpoints',
  'recovery',
]);
const MAX_ROWS = 40;
const MAX_ARRAY_ROWS = 10;

function display(value: unknown): string {
  if (value === null) return '-';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  return String(value);
}

const isPercentiles = (value: object): value is Record<string, unknown> => 'p50' in value && 'max' in value;

/** A distribution on one line: count, p50, p90, p99, max. */
function percentilesLine(p: Record<string, unknown>): string {
  return ['count', 'p50', 'p90', 'p99', 'max']
    .filter((k) => k in p)
    .map((k) => `${k} ${display(p[k])}`)
    .join(', ');
}

function flatten(prefix: string, value: unknown, out: [string, string][]): void {
  if (out.length >= MAX_ROWS || value === undefined) return;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      if (value.length > 0) out.push([prefix, value.map(display).join(', ')]);
      return;
    }
    value.slice(0, MAX_ARRAY_ROWS).forEach((v, i) => {
      out.push([`${prefix}[${i}]`, typeof v === 'object' && v !== null ? inlinePairs(v, false) : display(v)]);
    });
    if (value.length > MAX_ARRAY_ROWS) out.push([prefix, `${value.length - MAX_ARRAY_ROWS} more`]);
  } else if (typeof value === 'object' && value !== null) {
    if (isPercentiles(value)) out.push([prefix, percentilesLine(value)]);
    else for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, out);
  } else {
    out.push([prefix, display(value)]);
  }
}

/** Name/value pairs of the unknown fields of a scenario and of its figures. */
export function extraFigures(s: ScenarioInput): [string, string][] {
  const out: [string, string][] = [];
  // A field that is null as a whole (e.g. `recovery` outside the recovery scenario) is left out; a null inside one
  // is NaN, shown as '-'.
  for (const [key, value] of Object.entries(s)) {
    if (!KNOWN_SCENARIO_KEYS.has(key) && value !== null) flatten(key, value, out);
  }
  for (const [key, value] of Object.entries(s.figures ?? {})) {
    if (!KNOWN_FIGURE_KEYS.has(key) && value !== null) flatten(`figures.${key}`, value, out);
  }
  // The recovery table shows the distributions; the kills one by one are here.
  flatten('figures.recovery.events', s.figures?.recovery?.events ?? undefined, out);
  return out;
}

/** Key=value pairs of a plain object, one level deep (settings, network); HTML-escaped unless `html` is false. */
export function inlinePairs(value: object | null | undefined, html = true): string {
  if (value === null || value === undefined) return '';
  const text = (t: string): string => (html ? escapeHtml(t) : t);
  return Object.entries(value)
    .map(([k, v]) => `${text(k)}=${text(typeof v === 'object' && v !== null ? JSON.stringify(v) : display(v))}`)
    .join(', ');
}
