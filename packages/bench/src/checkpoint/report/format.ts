// Number formats of the report's tables: the same roundings as the CLI's text tables, '-' where nothing was measured.
import { finite, type Num } from './input.ts';

export function formatMs(value: Num): string {
  const n = finite(value);
  if (n === undefined) return '-';
  return String(Number(n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)));
}

export function formatRatio(value: Num): string {
  const n = finite(value);
  return n === undefined ? '-' : `${n.toFixed(1)}x`;
}

export function formatRate(value: Num): string {
  const n = finite(value);
  if (n === undefined) return '-';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

export function formatBytes(value: Num): string {
  const n = finite(value);
  if (n === undefined) return '-';
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
}

export function formatCount(value: Num): string {
  const n = finite(value);
  return n === undefined ? '-' : String(n);
}

export function formatPercent(value: Num): string {
  const n = finite(value);
  return n === undefined ? '-' : `${Math.round(n * 100)}%`;
}

export function formatShare(value: Num): string {
  const n = finite(value);
  return n === undefined ? '-' : String(Math.round(n * 100));
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
